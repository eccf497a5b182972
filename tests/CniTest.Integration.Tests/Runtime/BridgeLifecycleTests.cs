using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Integration.Tests.Support;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.Integration.Tests.Runtime;

/// <summary>
/// Debian's bridge + host-local driven through the runtime: ADD → CHECK → DEL inside a fake host, compared with
/// the plugin's own output and with a run by hand, and nothing left afterwards (issue #3 "Done when").
/// </summary>
public sealed class BridgeLifecycleTests : IAsyncLifetime
{
    private FakeHost _host = null!;
    private readonly RecordingObserver _observer = new();

    [PrivilegedFact(Timeout = 120_000)]
    public async Task AddCheckDel_BridgeHostLocal_ResultIsThePluginsOutputAndNothingIsLeft()
    {
        // Arrange
        var before = await MachineState.TakeAsync(TestContext.Current.CancellationToken);
        var container = _host.NewSandbox("c1");
        var list = Networks.Parse(Networks.BridgeJson(_host));
        var runtime = Runtime();
        var rt = new RuntimeConf("it-c1", container.Path, "eth0");

        // Act
        var result = await runtime.AddNetworkListAsync(list, rt, TestContext.Current.CancellationToken);
        await runtime.CheckNetworkListAsync(list, rt, TestContext.Current.CancellationToken);

        // Assert: the runtime hands back exactly what the plugin printed
        var raw = JsonNode.Parse(_observer.Last("bridge", CniCommand.Add).StdoutText);
        JsonCompare.SemanticallyEqual(result.ToJson(), raw).Should().BeTrue($"runtime result {result.ToJson()} should equal plugin output {raw}");
        var json = result.ToJson();
        var address = json["ips"]![0]!["address"]!.GetValue<string>();
        (await NetnsView.ReadAsync(container.Path)).GlobalAddresses.Should().Contain($"eth0 {address}");
        json["interfaces"]!.AsArray().Should().Contain(i => (string?)i!["sandbox"] == container.Path, "the container side reports its sandbox (P18)");
        File.Exists(runtime.Cache!.PathFor("itnet", "it-c1", "eth0")).Should().BeTrue();
        _host.IpamReservations().Should().Equal(address.Split('/')[0]);

        // Act: DEL, twice (P26)
        await runtime.DelNetworkListAsync(list, rt, TestContext.Current.CancellationToken);
        await runtime.DelNetworkListAsync(list, rt, TestContext.Current.CancellationToken);

        // Assert: nothing left in the container, the fake host or IPAM; the machine untouched
        (await NetnsView.ReadAsync(container.Path)).LinkNames.Should().Equal("lo");
        (await NetnsView.ReadAsync(_host.NetnsPath)).LinkNames.Should().NotContain(l => l.StartsWith("veth"));
        _host.IpamReservations().Should().BeEmpty();
        File.Exists(runtime.Cache!.PathFor("itnet", "it-c1", "eth0")).Should().BeFalse();
        var delStdin = JsonNode.Parse(_observer.Last("bridge", CniCommand.Del).StdinText)!;
        delStdin["prevResult"].Should().BeNull("the second DEL has no cache left to send");
        (await MachineState.TakeAsync(TestContext.Current.CancellationToken)).ChangesSince(before).Should().BeEmpty();
    }

    [PrivilegedFact(Timeout = 120_000)]
    public async Task Add_SameConfigRunByHand_GivesTheSameResultShape()
    {
        // Arrange
        var byHand = _host.NewSandbox("hand");
        var viaRuntime = _host.NewSandbox("rt");
        var json = Networks.BridgeJson(_host);
        var plugin = (JsonObject)JsonNode.Parse(json)!["plugins"]![0]!.DeepClone();
        plugin["cniVersion"] = "1.0.0";
        plugin["name"] = "itnet";

        // Act
        var manual = await RunByHandAsync(byHand.Path, plugin.ToJsonString());
        var result = (await Runtime().AddNetworkListAsync(Networks.Parse(json), new RuntimeConf("it-rt", viaRuntime.Path, "eth0"),
            TestContext.Current.CancellationToken)).ToJson();

        // Assert: same shape and values except the per-attachment ones (veth name, MACs, sandbox, address)
        Shape(result).Should().Be(Shape(manual));
        result["ips"]![0]!["gateway"]!.GetValue<string>().Should().Be(manual["ips"]![0]!["gateway"]!.GetValue<string>());
        result["interfaces"]![0]!["name"]!.GetValue<string>().Should().Be("itbr0");
    }

    [PrivilegedFact(Timeout = 120_000)]
    public async Task Check_AfterAddressRemoved_FailsWithThePluginsError()
    {
        // Arrange
        var container = _host.NewSandbox("c2");
        var list = Networks.Parse(Networks.BridgeJson(_host));
        var runtime = Runtime();
        var rt = new RuntimeConf("it-c2", container.Path, "eth0");
        var address = (await runtime.AddNetworkListAsync(list, rt, TestContext.Current.CancellationToken)).ToJson()["ips"]![0]!["address"]!.GetValue<string>();
        await container.IpBatchAsync($"addr del {address} dev eth0\n");

        // Act
        var act = () => runtime.CheckNetworkListAsync(list, rt, TestContext.Current.CancellationToken);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Message.Should().Contain(address);
        await runtime.DelNetworkListAsync(list, rt, TestContext.Current.CancellationToken);
        _host.IpamReservations().Should().BeEmpty();
    }

    private CniRuntime Runtime() => new(new RuntimeOptions
    {
        PluginPath = [Privileges.ReferencePluginDir],
        Executor = _host.CreateExecutor(TestHosts.PluginTimeout),
        CacheDirectory = _host.CacheDir,
        Observers = [_observer],
    });

    private async Task<JsonNode> RunByHandAsync(string netns, string stdin)
    {
        // The same call an operator would type: env + stdin, host side in the fake host (its network namespace).
        var output = await HelperCommand.RunAsync(_host.NetnsPath, "env", ["CNI_COMMAND=ADD", "CNI_CONTAINERID=it-hand",
            $"CNI_NETNS={netns}", "CNI_IFNAME=eth0", $"CNI_PATH={Privileges.ReferencePluginDir}", "/usr/lib/cni/bridge"], stdin,
            TestContext.Current.CancellationToken);
        output.ExitCode.Should().Be(0, output.Stdout);
        return JsonNode.Parse(output.Stdout)!;
    }

    private static string Shape(JsonNode node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.Where(p => !(p.Key == "dns" && p.Value is JsonObject { Count: 0 }))
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + Shape(p.Value!))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(x => Shape(x!))) + "]",
        _ => "v",
    };

    public async ValueTask InitializeAsync() => _host = await TestHosts.CreateAsync("cnitest-it-", ct: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        return ValueTask.CompletedTask;
    }
}
