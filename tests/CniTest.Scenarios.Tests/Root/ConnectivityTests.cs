using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Sandbox;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// The network verdicts that depend on the host: Debian's bridge under a Docker-style host (FORWARD DROP with
/// bridged traffic passed to iptables) cannot connect its pods, and the failure says where it is dropped and which
/// chained plugin fixes it, which the firewall plugin then does; across two nodes pods talk without NAT unless the
/// config masquerades, and then the failure says why.
/// </summary>
[Collection(RootCollection.Name)]
public sealed class ConnectivityTests
{
    [PrivilegedFact]
    public async Task Run_BridgeUnderDockerProfile_FailsPodToPodExplainingTheForwardDrop()
    {
        // Act
        var report = await RunAsync("bridge", PluginRole.Interface, "net.pod-to-pod", HostProfile.Docker);

        // Assert
        var result = report.Results.Single(r => r.Id == "net.pod-to-pod");
        result.Outcome.Should().Be(CheckOutcome.Failed);
        result.Rule.Should().Be("P67");
        result.Message.Should().Contain("FORWARD chain has policy DROP").And.Contain("bridge-nf-call-iptables=1").And.Contain("'firewall' plugin");
        report.HostProfile.Should().Be(HostProfile.Docker);
    }

    [PrivilegedFact]
    public async Task Run_FirewallChainedUnderDockerProfile_PodsReachEachOther()
    {
        // Act
        var report = await RunAsync("firewall", PluginRole.Chained, "net.pod-to-pod", HostProfile.Docker);

        // Assert
        report.Results.Single(r => r.Id == "net.pod-to-pod").Outcome.Should().Be(CheckOutcome.Passed);
    }

    [PrivilegedTheory]
    [InlineData("bridge")]
    [InlineData("ptp")]
    public async Task Run_TwoNodes_PodsReachEachOtherAcrossWithoutNat(string plugin)
    {
        // Act
        var report = await RunAsync(plugin, PluginRole.Interface, "net.cross-node", HostProfile.Plain, nodes: 2);

        // Assert
        var result = report.Results.Single(r => r.Id == "net.cross-node");
        result.Outcome.Should().Be(CheckOutcome.Passed, result.Message);
        result.Message.Should().Contain("each receiver saw the sender's own address");
    }

    [PrivilegedFact]
    public async Task Run_TwoNodesWithIpMasq_FailsNoNatAndSaysWhy()
    {
        // Arrange
        var config = Path.Combine(Directory.CreateTempSubdirectory("cnitest-masq-").FullName, "masq.conflist");
        File.WriteAllText(config, """
            {"cniVersion":"1.0.0","name":"masqnet","plugins":[{"type":"bridge","bridge":"cni-masq0","isGateway":true,"ipMasq":true,
             "ipam":{"type":"host-local","ranges":[[{"subnet":"10.77.0.0/24"}]],"routes":[{"dst":"0.0.0.0/0"}]}}]}
            """);

        try
        {
            // Act
            var report = await RunAsync("bridge", PluginRole.Interface, "net.cross-node", HostProfile.Plain, nodes: 2, config);

            // Assert
            var result = report.Results.Single(r => r.Id == "net.cross-node");
            result.Outcome.Should().Be(CheckOutcome.Failed);
            result.Rule.Should().Be("P68");
            result.Message.Should().Contain("saw the source 198.19.0.").And.Contain("the config sets ipMasq");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(config)!, recursive: true);
        }
    }

    [PrivilegedFact]
    public async Task Run_OneNode_DoesNotPlanTheCrossNodeCheck()
    {
        // Act
        var act = () => RunAsync("bridge", PluginRole.Interface, "net.cross-node", HostProfile.Plain);

        // Assert: a filter that selects nothing is a usage error, so the check is not even planned
        (await act.Should().ThrowAsync<EnvironmentProblemException>()).Which.Message.Should().Contain("no check");
    }

    private static Task<RunReport> RunAsync(string plugin, PluginRole role, string filter, HostProfile profile, int nodes = 1, string? config = null) =>
        SuiteRunner.RunAsync(new RunOptions
        {
            PluginPath = Path.Combine(Privileges.ReferencePluginDir, plugin),
            Role = role,
            Filter = filter,
            HostProfile = profile,
            Nodes = nodes,
            ConfigPath = config,
        }, ct: TestContext.Current.CancellationToken);
}
