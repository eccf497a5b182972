using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Sandbox;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// The suite against Debian's reference plugins (containernetworking-plugins 1.1.1), each under its role: the
/// clean ones pass with zero failed checks; three carry real bugs that upstream fixed after 1.1.1, and must fail
/// with exactly those; ipvlan cannot run on a kernel without ipvlan and must say so (exit 2), not fail.
/// </summary>
[Collection(RootCollection.Name)]
public sealed class DebianPluginTests
{
    [PrivilegedTheory]
    [InlineData("bridge", PluginRole.Interface)]
    [InlineData("ptp", PluginRole.Interface)]
    [InlineData("macvlan", PluginRole.Interface)]
    [InlineData("tuning", PluginRole.Chained)]
    [InlineData("bandwidth", PluginRole.Chained)]
    [InlineData("firewall", PluginRole.Chained)]
    [InlineData("host-local", PluginRole.Ipam)]
    [InlineData("static", PluginRole.Ipam)]
    public async Task Run_CleanReferencePlugin_HasZeroFailedChecks(string plugin, PluginRole role)
    {
        // Act
        var report = await RunAsync(plugin, role);

        // Assert
        report.Results.Where(r => r.Outcome == CheckOutcome.Failed).Select(Describe).Should().BeEmpty();
        report.Results.Should().Contain(r => r.Id == "del.leaves-nothing" && r.Outcome == CheckOutcome.Passed, "the suite really ran");
    }

    /// <summary>
    /// loopback 1.1.1 labels a 1.0.0-shaped result with the requested 0.x version (no ip4/ip6 in 0.1/0.2, no
    /// ips[].version in 0.3/0.4; plugins#381, cni#578); portmap 1.1.1's CHECK looks for IPv6 rules it never
    /// created (plugins#819); sbr 1.1.1's DEL fails once the interface or the netns is gone (plugins#892).
    /// </summary>
    [PrivilegedTheory]
    [InlineData("loopback", PluginRole.Interface, new[] { "version.matrix P16", "contract.result.schema P16" })]
    [InlineData("portmap", PluginRole.Chained, new[] { "check.after-add P32" })]
    [InlineData("sbr", PluginRole.Chained, new[] { "del.twice P26", "del.without-add P26", "del.sandbox-deleted P27", "del.netns-empty P27" })]
    public async Task Run_ReferencePluginWithKnownUpstreamBug_FailsWithExactlyThatBug(string plugin, PluginRole role, string[] expected)
    {
        // Act
        var report = await RunAsync(plugin, role);

        // Assert
        report.Results.Where(r => r.Outcome == CheckOutcome.Failed).Select(r => $"{r.Id} {r.Rule}").Distinct()
            .Should().BeEquivalentTo(expected);
    }

    [PrivilegedFact]
    public async Task Run_Bridge_FinishesUnderTenSeconds()
    {
        // Act
        var report = await RunAsync("bridge", PluginRole.Interface);

        // Assert
        TestContext.Current.SendDiagnosticMessage($"bridge default suite: {report.Duration.TotalSeconds:0.00} s, {report.Results.Count} checks");
        report.Duration.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [PrivilegedFact]
    public async Task Run_IpvlanOnThisKernel_IsAnEnvironmentProblemOrPasses()
    {
        // Arrange
        var kernelHasIpvlan = await KernelSupportsAsync("ipvlan");

        // Act
        var act = () => RunAsync("ipvlan", PluginRole.Interface);

        // Assert
        if (kernelHasIpvlan)
        {
            (await act()).Failed.Should().Be(0);
        }
        else
        {
            (await act.Should().ThrowAsync<EnvironmentProblemException>())
                .Which.Message.Should().Contain("operation not supported").And.Contain("not a failure of the plugin");
        }
    }

    internal static Task<RunReport> RunAsync(string plugin, PluginRole role) =>
        SuiteRunner.RunAsync(new RunOptions
        {
            PluginPath = Path.Combine(Privileges.ReferencePluginDir, plugin),
            Role = role,
            Jobs = Environment.ProcessorCount,
        }, ct: TestContext.Current.CancellationToken);

    private static string Describe(CheckResult r) => $"{r.Id} [{r.CniVersion}] {r.Rule}: {r.Message}";

    /// <summary>Tries to create a link of <paramref name="kind"/> in a scratch namespace (never the machine's).</summary>
    private static async Task<bool> KernelSupportsAsync(string kind)
    {
        using var dir = RunDirectory.Create();
        var host = await FakeHost.CreateAsync(dir.Path, "probe", ["cnitest-m0"]);
        try
        {
            var output = await HelperCommand.RunAsync(host.NetnsPath, "ip", ["link", "add", "probe0", "link", "cnitest-m0", "type", kind]);
            return output.ExitCode == 0;
        }
        finally
        {
            host.Dispose();
        }
    }
}
