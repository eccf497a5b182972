using System.Text.Json.Nodes;
using CniTest.Cli;
using CniTest.Harness.Rules;
using CniTest.Scenarios.Checks;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Cli;

/// <summary><c>cnitest explain</c>, <c>list</c> and <c>coverage</c> run in-process over the embedded rule catalogue.</summary>
public sealed class RulesCommandTests
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private Task<int> Run(params string[] args) =>
        CliApp.RunAsync(args, new CliContext(_ => null, _out, _err) { WorkingDirectory = Path.GetTempPath() });

    private string[] Lines => _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Explain_RuleId_ShowsLevelVersionsRequirementBugsAndItsChecks()
    {
        // Act
        var exit = await Run("explain", "P27");

        // Assert
        exit.Should().Be(ExitCodes.Success, _err.ToString());
        var text = _out.ToString();
        text.Should().StartWith("P27: DEL is best-effort when the netns is gone\n");
        text.Should().Contain("level:         SHOULD").And.Contain("versions:      0.3.0-1.1.0").And.Contain("section:       SPEC §2 DEL");
        text.Should().Contain(RuleCatalog.Default.Find("P27")!.Requirement);
        text.Should().Contain("plugins#210").And.Contain("https://github.com/containernetworking/plugins/issues/210");
        text.Should().Contain("del.sandbox-deleted").And.Contain("del.netns-empty");
        _err.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Explain_RuleWhoseLevelChanged_ShowsEachLevelWithItsVersions()
    {
        var exit = await Run("explain", "p2");

        exit.Should().Be(ExitCodes.Success, _err.ToString());
        _out.ToString().Should().Contain("level:         MUST (0.1.0-0.4.0), SHOULD (1.0.0-1.1.0)")
            .And.Contain("contract.error.object-present").And.Contain("also cited by:");
    }

    [Fact]
    public async Task Explain_RuntimeRule_SaysTheHarnessTestsCoverItNotChecks()
    {
        var exit = await Run("explain", "R32");

        exit.Should().Be(ExitCodes.Success, _err.ToString());
        _out.ToString().Should().Contain("side:          runtime (source SPEC)").And.Contain("cni#1055")
            .And.Contain("checks:        none: runtime rules bind the runtime");
    }

    [Fact]
    public async Task Explain_CheckId_ShowsTitleRuleLevelRolesVersionsAndBugs()
    {
        var exit = await Run("explain", "del.twice");

        exit.Should().Be(ExitCodes.Success, _err.ToString());
        var text = _out.ToString();
        text.Should().StartWith("del.twice: ADD, DEL, DEL: both DELs succeed\n");
        text.Should().Contain("rule:          P26 DEL is idempotent").And.Contain("level:         MUST (its rule: NONE (0.1.0-0.3.1), SHOULD (0.4.0), MUST (1.0.0-1.1.0))");
        text.Should().Contain("roles:         interface, chained, ipam").And.Contain("runs at the highest version");
        text.Should().Contain("plugins#892");
    }

    [Fact]
    public async Task Explain_ContractResultId_IsACheckJudgingEveryCall()
    {
        var exit = await Run("explain", "contract.result.schema");

        exit.Should().Be(ExitCodes.Success, _err.ToString());
        _out.ToString().Should().Contain("rule:          P16 Result shape fits its version").And.Contain("runs on every plugin call");
    }

    [Theory]
    [InlineData("X9")]
    [InlineData("del.thrice")]
    public async Task Explain_UnknownId_ExitsTwoWithOneLine(string id)
    {
        var exit = await Run("explain", id);

        exit.Should().Be(ExitCodes.UsageOrEnvironment);
        _err.ToString().Should().Be($"cnitest: unknown rule or check id \"{id}\" (try cnitest list){Environment.NewLine}");
        _out.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task List_ShowsEveryCheckAndContractRuleWithRuleRolesAndVersions()
    {
        var exit = await Run("list");

        exit.Should().Be(ExitCodes.Success, _err.ToString());
        Lines[0].Should().MatchRegex("^ID +RULE +LEVEL +ROLES +VERSIONS +RUNS$");
        Lines.Should().HaveCount(1 + CheckCatalog.All.Count + CheckCatalog.ContractRules.Count);
        Lines.Should().Contain(l => l.StartsWith("chain.keeps-prevresult ") && l.Contains(" P21 ") && l.Contains(" chained ") && l.Contains("0.3.0-1.1.0"));
        Lines.Should().Contain(l => l.StartsWith("gc.removes-stale ") && l.Contains(" 1.1.0 ") && l.EndsWith("once, at 1.1.0"));
        Lines.Should().Contain(l => l.StartsWith("contract.error.exit-code ") && l.Contains(" P1 "));
    }

    [Fact]
    public async Task List_Json_IsAnArrayOfEveryCheck()
    {
        var exit = await Run("list", "--json");

        exit.Should().Be(ExitCodes.Success, _err.ToString());
        var checks = JsonNode.Parse(_out.ToString())!.AsArray();
        checks.Should().HaveCount(CheckCatalog.All.Count + CheckCatalog.ContractRules.Count);
        var twice = checks.Single(c => c!["id"]!.GetValue<string>() == "del.twice")!;
        twice["rule"]!.GetValue<string>().Should().Be("P26");
        twice["level"]!.GetValue<string>().Should().Be("MUST");
        twice["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("interface", "chained", "ipam");
    }

    [Fact]
    public async Task Coverage_ListsCoveredPluginRulesThenGapsThenRuntimeRulesApart()
    {
        var exit = await Run("coverage");

        exit.Should().Be(ExitCodes.Success, _err.ToString());
        var text = _out.ToString();
        var gaps = text.IndexOf("Plugin rules no check covers", StringComparison.Ordinal);
        var runtime = text.IndexOf("Runtime rules (", StringComparison.Ordinal);
        text.Should().StartWith("Plugin rules covered by checks of cnitest run (");
        gaps.Should().BePositive();
        runtime.Should().BeGreaterThan(gaps);
        text[..gaps].Should().Contain("P26").And.Contain("del.twice").And.NotContain("\nR32 ");
        text[gaps..runtime].Should().Contain("\nP38 ").And.NotContain("\nP26 ").And.NotMatchRegex("\nR[0-9]");
        text[runtime..].Should().Contain("not by checks").And.Contain("\nR32 ").And.NotMatchRegex("\nP[0-9]");
    }
}
