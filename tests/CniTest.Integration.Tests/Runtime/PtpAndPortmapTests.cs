using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Integration.Tests.Support;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.Integration.Tests.Runtime;

/// <summary>ptp alone, and a bridge + portmap chain fed a portMappings capability (issue #3 "Done when").</summary>
public sealed class PtpAndPortmapTests : IAsyncLifetime
{
    private FakeHost _host = null!;
    private readonly RecordingObserver _observer = new();

    [PrivilegedFact(Timeout = 120_000)]
    public async Task AddCheckDel_Ptp_ConfiguresThenLeavesNothing()
    {
        // Arrange
        var container = _host.NewSandbox("p1");
        var list = Networks.Parse(Networks.PtpJson(_host));
        var runtime = Runtime();
        var rt = new RuntimeConf("it-p1", container.Path, "eth0");

        // Act
        var result = (await runtime.AddNetworkListAsync(list, rt, TestContext.Current.CancellationToken)).ToJson();
        await runtime.CheckNetworkListAsync(list, rt, TestContext.Current.CancellationToken);

        // Assert
        JsonCompare.SemanticallyEqual(result, JsonNode.Parse(_observer.Last("ptp", CniCommand.Add).StdoutText)).Should().BeTrue();
        (await NetnsView.ReadAsync(container.Path)).GlobalAddresses.Should().Contain($"eth0 {result["ips"]![0]!["address"]}");

        await runtime.DelNetworkListAsync(list, rt, TestContext.Current.CancellationToken);
        (await NetnsView.ReadAsync(container.Path)).LinkNames.Should().Equal("lo");
        (await NetnsView.ReadAsync(_host.NetnsPath)).LinkNames.Should().Equal("lo");
        _host.IpamReservations().Should().BeEmpty();
    }

    [PrivilegedFact(Timeout = 120_000)]
    public async Task AddDel_BridgeThenPortmap_CapabilityReachesPortmapAndRulesAreRemoved()
    {
        // Arrange
        var container = _host.NewSandbox("pm1");
        var list = Networks.Parse(Networks.BridgeJson(_host, name: "itpm", extraPlugins: Networks.PortmapPlugin));
        var runtime = Runtime();
        var mappings = JsonNode.Parse("""[{"hostPort":18080,"containerPort":80,"protocol":"tcp"}]""");
        var rt = new RuntimeConf("it-pm1", container.Path, "eth0")
        {
            CapabilityArgs = new Dictionary<string, JsonNode?> { ["portMappings"] = mappings },
        };

        // Act
        var result = (await runtime.AddNetworkListAsync(list, rt, TestContext.Current.CancellationToken)).ToJson();

        // Assert: portmap got the bridge's result as prevResult and the mapping in runtimeConfig (R24)
        var portmapStdin = JsonNode.Parse(_observer.Last("portmap", CniCommand.Add).StdinText)!;
        JsonNode.DeepEquals(portmapStdin["runtimeConfig"]!["portMappings"], mappings).Should().BeTrue();
        portmapStdin["capabilities"].Should().BeNull("spec 1.1: capabilities must not be set in the request");
        JsonCompare.SemanticallyEqual(portmapStdin["prevResult"], JsonNode.Parse(_observer.Last("bridge", CniCommand.Add).StdoutText)).Should().BeTrue();
        JsonCompare.SemanticallyEqual(result, JsonNode.Parse(_observer.Last("portmap", CniCommand.Add).StdoutText)).Should().BeTrue();
        (await StateSnapshot.IptablesAsync(_host.NetnsPath, "nat")).Should().Contain(r => r.Contains("18080"));

        // Act: DEL runs portmap first, then bridge (reverse order, R32)
        await runtime.DelNetworkListAsync(list, rt, TestContext.Current.CancellationToken);

        // Assert
        _observer.Calls.Where(c => c.Record.Command == CniCommand.Del).Select(c => c.Type).Should().Equal("portmap", "bridge");
        (await StateSnapshot.IptablesAsync(_host.NetnsPath, "nat")).Should().NotContain(r => r.Contains("18080"));
        (await NetnsView.ReadAsync(container.Path)).LinkNames.Should().Equal("lo");
        _host.IpamReservations().Should().BeEmpty();
    }

    private CniRuntime Runtime() => new(new RuntimeOptions
    {
        PluginPath = [Privileges.ReferencePluginDir],
        Executor = _host.CreateExecutor(TestHosts.PluginTimeout),
        CacheDirectory = _host.CacheDir,
        Observers = [_observer],
    });

    public async ValueTask InitializeAsync() => _host = await TestHosts.CreateAsync("cnitest-it-", ct: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        return ValueTask.CompletedTask;
    }
}
