using System.Text.Json.Nodes;
using CniTest.Cli;
using CniTest.Schemas.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Cli;

/// <summary><c>cnitest schema</c> run in-process: prints the embedded schema files, exit 2 with one line for bad input.</summary>
public sealed class SchemaCommandTests
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private Task<int> Run(params string[] args) =>
        CliApp.RunAsync(args, new CliContext(_ => null, _out, _err) { WorkingDirectory = Path.GetTempPath() });

    [Fact]
    public async Task Schema_KindOnly_PrintsThe110SchemaExactlyAsPublished()
    {
        // Act
        var exit = await Run("schema", "result");

        // Assert
        exit.Should().Be(ExitCodes.Success, _err.ToString());
        _out.ToString().Should().Be(File.ReadAllText(Path.Combine(Repo.Schemas, "1.1.0", "result.schema.json")));
    }

    [Theory]
    [InlineData("ipam-result", "0.2.0")]
    [InlineData("IpamResult", "0.2.0")]
    [InlineData("gc-request", "1.1.0")]
    [InlineData("version-reply", "0.4.0")]
    public async Task Schema_KindAndVersion_PrintsThatSchema(string kind, string version)
    {
        var exit = await Run("schema", kind, "--version", version);

        exit.Should().Be(ExitCodes.Success, _err.ToString());
        JsonNode.Parse(_out.ToString())!["$id"]!.GetValue<string>().Should().EndWith($"/{version}/{(kind == "IpamResult" ? "ipam-result" : kind)}.schema.json");
    }

    [Theory]
    [InlineData("common/net", "common/net.schema.json")]
    [InlineData("report", "report/cnitest-report.schema.json")]
    [InlineData("rules", "rules/cni-rules.schema.json")]
    public async Task Schema_SharedOrReport_PrintsTheFile(string name, string path)
    {
        var exit = await Run("schema", name);

        exit.Should().Be(ExitCodes.Success, _err.ToString());
        _out.ToString().Should().Be(File.ReadAllText(Path.Combine(Repo.Schemas, path)));
    }

    [Fact]
    public async Task Schema_UnknownKind_ExitsTwoWithOneLineListingKinds()
    {
        var exit = await Run("schema", "results");

        exit.Should().Be(ExitCodes.UsageOrEnvironment);
        _err.ToString().Trim().Split('\n').Should().ContainSingle()
            .Which.Should().StartWith("cnitest: unknown schema kind \"results\"").And.Contain("ipam-result").And.Contain("gc-request");
        _out.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Schema_UnknownVersion_ExitsTwoWithOneLineListingVersions()
    {
        var exit = await Run("schema", "result", "--version", "1.2.0");

        exit.Should().Be(ExitCodes.UsageOrEnvironment);
        _err.ToString().Trim().Split('\n').Should().ContainSingle()
            .Which.Should().Contain("\"1.2.0\"").And.Contain("0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0");
    }

    [Fact]
    public async Task Schema_KindMissingAtVersion_ExitsTwoNamingTheVersionsItHas()
    {
        var exit = await Run("schema", "status-request", "--version", "1.0.0");

        exit.Should().Be(ExitCodes.UsageOrEnvironment);
        _err.ToString().Should().Contain("no status-request schema for CNI 1.0.0 (valid versions: 1.1.0)");
    }

    [Fact]
    public async Task Schema_List_NamesEveryKindWithItsVersions()
    {
        var exit = await Run("schema", "--list");

        exit.Should().Be(ExitCodes.Success);
        var lines = _out.ToString().Split('\n');
        lines.Should().Contain(l => l.StartsWith("result ") && l.EndsWith("0.1.0 0.2.0 0.3.0 0.3.1 0.4.0 1.0.0 1.1.0"));
        lines.Should().Contain(l => l.StartsWith("version-reply ") && l.EndsWith("0.2.0 0.3.0 0.3.1 0.4.0 1.0.0 1.1.0"));
        lines.Should().Contain(l => l.StartsWith("gc-request ") && l.EndsWith(" 1.1.0"));
        lines.Should().Contain(l => l.StartsWith("common/net "));
        lines.Should().Contain(l => l.StartsWith("rules ") && l.Contains("rules/cni-rules.json"));
    }
}
