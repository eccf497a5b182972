using System.Text.Json.Nodes;
using CniTest.Cli;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// <c>cnitest run --ip-family</c> (issue 10): each family alone works end to end against Debian's bridge, and a
/// result that is wrong only in its IPv6 part fails the result-vs-kernel check, naming that address.
/// </summary>
[Collection(RootCollection.Name)]
public sealed class DualStackTests
{
    [PrivilegedTheory]
    [InlineData("ipv6", "fd00:99::2/64 on eth0", "10.99.")]
    [InlineData("ipv4", "10.99.0.2/24 on eth0", "fd00:99:")]
    public async Task Run_BridgeWithOneIpFamily_PassesWithOnlyThatFamily(string family, string verified, string absent)
    {
        // Arrange
        var report = Path.Combine(Path.GetTempPath(), $"cnitest-ip-family-{Guid.NewGuid():N}.json");
        var output = new StringWriter();
        var error = new StringWriter();
        var ctx = new CliContext(name => name == "CI" ? "true" : null, output, error);

        // Act
        var exit = await CliApp.RunAsync(
            ["run", "--plugin", "/usr/lib/cni/bridge", "--ip-family", family, "--report", report], ctx, TestContext.Current.CancellationToken);
        var json = File.Exists(report) ? File.ReadAllText(report) : "{}";
        File.Delete(report);

        // Assert
        exit.Should().Be(ExitCodes.Success, $"{output}\n{error}");
        var results = JsonNode.Parse(json)!["results"]!.AsArray().OfType<JsonObject>().ToList();
        var matches = results.Single(r => r["id"]!.GetValue<string>() == "add.matches-sandbox");
        matches["outcome"]!.GetValue<string>().Should().Be("passed");
        matches["message"]!.GetValue<string>().Should().Contain(verified);
        results.Where(r => r["outcome"]!.GetValue<string>() == "passed")
            .Select(r => r["message"]?.GetValue<string>() ?? "").Should().NotContain(m => m.Contains(absent));
    }

    [PrivilegedFact]
    public async Task Run_ResultWrongOnlyInItsIpv6Address_FailsMatchesSandboxNamingThatAddress()
    {
        // Arrange: after Debian's bridge (dual stack), a chained plugin passes the result on with the IPv6 address
        // bent; the IPv4 address, the interfaces and the routes stay true.
        using var plugins = new FakePluginDirectory();
        var subject = plugins.Add("fake-bender", new JsonObject
        {
            ["supportedVersions"] = new JsonArray("0.4.0", "1.0.0"),
            ["result"] = "PASSTHROUGH",
            ["replace"] = new JsonObject { ["fd00:99::2/64"] = "fd00:99::99/64" },
        });

        // Act
        var report = await SuiteRunner.RunAsync(new RunOptions
        {
            PluginPath = subject,
            Role = PluginRole.Chained,
            IpFamily = IpFamily.Dual,
            PartnerPath = [Privileges.ReferencePluginDir],
            Filter = "add.matches-sandbox",
        }, ct: TestContext.Current.CancellationToken);

        // Assert
        var check = report.Results.Should().ContainSingle(r => r.Id == "add.matches-sandbox").Which;
        check.Outcome.Should().Be(CheckOutcome.Failed);
        check.Rule.Should().Be("P14");
        check.Message.Should().Contain("fd00:99::99/64").And.Contain("fd00:99::2/64", "the kernel's real address is listed")
            .And.NotContain("puts 10.99.0.2/24", "the IPv4 part of the result is right");
    }
}
