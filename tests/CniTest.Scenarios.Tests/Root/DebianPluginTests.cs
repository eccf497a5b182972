using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Sandbox;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// The suite against Debian's reference plugins (containernetworking-plugins 1.1.1), each under its role: the
/// clean ones pass with zero failed checks; loopback, portmap and sbr carry real defects of 1.1.1 and must fail
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
    /// ips[].version in 0.3/0.4): a regression of plugins commit 7d8c7676 (v1.0.0), still present upstream.
    /// sbr 1.1.1's DEL fails once the interface is gone (plugins#892, fixed in v1.3.0: del.twice, del.without-add)
    /// and when CNI_NETNS is empty or stale, because it opens the netns path as a lock file (not fixed upstream:
    /// del.sandbox-deleted, del.netns-empty).
    /// </summary>
    [PrivilegedTheory]
    [InlineData("loopback", PluginRole.Interface, new[] { "version.matrix P16", "contract.result.schema P16" })]
    [InlineData("sbr", PluginRole.Chained, new[] { "del.twice P26", "del.without-add P26", "del.sandbox-deleted P27", "del.netns-empty P27" })]
    public async Task Run_ReferencePluginWithKnownUpstreamBug_FailsWithExactlyThatBug(string plugin, PluginRole role, string[] expected)
    {
        // Act
        var report = await RunAsync(plugin, role);

        // Assert
        FailedChecks(report).Should().BeEquivalentTo(expected);
    }

    /// <summary>
    /// portmap 1.1.1's CHECK also checks its IPv4 DNAT chain with ip6tables whenever ip6tables is usable in the
    /// host namespace (here the fake host), and fails right after ADD (plugins#819, fixed in v1.3.0). Where
    /// ip6tables is missing or unusable the bug cannot show, and portmap must pass like any clean plugin.
    /// </summary>
    [PrivilegedFact]
    public async Task Run_Portmap_FailsCheckAfterAddExactlyWhereIp6tablesIsUsable()
    {
        // Arrange
        var ip6tablesUsable = await Ip6tablesUsableAsync();
        TestContext.Current.SendDiagnosticMessage($"ip6tables usable in a fake host: {ip6tablesUsable}");

        // Act
        var report = await RunAsync("portmap", PluginRole.Chained);

        // Assert
        FailedChecks(report).Should().BeEquivalentTo(ip6tablesUsable ? ["check.after-add P32"] : Array.Empty<string>(),
            ip6tablesUsable ? "portmap 1.1.1 looks for its IPv4 DNAT chain in ip6tables too (plugins#819)"
                : "without a usable ip6tables portmap 1.1.1 checks IPv4 only");
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

    /// <summary>Runs the suite; every run must also leave no process it started alive (issue 12).</summary>
    internal static async Task<RunReport> RunAsync(string plugin, PluginRole role)
    {
        var processes = ProcessTable.Take();
        var report = await SuiteRunner.RunAsync(new RunOptions
        {
            PluginPath = Path.Combine(Privileges.ReferencePluginDir, plugin),
            Role = role,
            Jobs = Environment.ProcessorCount,
        }, ct: TestContext.Current.CancellationToken);
        ProcessTable.Take().LeftSince(processes).Should().BeEmpty($"the run against {plugin} must leave no process behind");
        return report;
    }

    private static string Describe(CheckResult r) => $"{r.Id} [{r.CniVersion}] {r.Rule}: {r.Message}";

    private static IEnumerable<string> FailedChecks(RunReport report) =>
        report.Results.Where(r => r.Outcome == CheckOutcome.Failed).Select(r => $"{r.Id} {r.Rule}").Distinct();

    /// <summary>Tries to create a link of <paramref name="kind"/> in a scratch namespace (never the machine's).</summary>
    private static Task<bool> KernelSupportsAsync(string kind) => InScratchHostAsync(async netns =>
        (await HelperCommand.RunAsync(netns, "ip", ["link", "add", "probe0", "link", "cnitest-m0", "type", kind])).ExitCode == 0);

    /// <summary>
    /// The test portmap 1.1.1 itself makes (go-iptables: the binary is found, and listing nat OUTPUT works), in a
    /// scratch namespace like the suite's fake hosts.
    /// </summary>
    private static Task<bool> Ip6tablesUsableAsync() => InScratchHostAsync(async netns =>
    {
        try
        {
            return (await HelperCommand.RunAsync(netns, "ip6tables", ["-t", "nat", "-S", "OUTPUT"])).ExitCode == 0;
        }
        catch (EnvironmentProblemException)
        {
            return false; // no ip6tables binary at all
        }
    });

    private static async Task<bool> InScratchHostAsync(Func<string, Task<bool>> probe)
    {
        using var dir = RunDirectory.Create();
        var host = await FakeHost.CreateAsync(dir.Path, "probe", ["cnitest-m0"]);
        try
        {
            return await probe(host.NetnsPath);
        }
        finally
        {
            host.Dispose();
        }
    }
}
