using System.Text.Json.Nodes;
using CniTest.Plugins.Tests.Bridge.Support;
using CniTest.Harness.Operations;
using CniTest.Harness.Versioning;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Lifecycle;

/// <summary>ADD → CHECK → DEL → DEL of cnitest-bridge through the Harness runtime at every spec version.</summary>
public sealed class AddCheckDelTests : IAsyncLifetime
{
    private readonly FakePluginDirectory _fake = new();
    private FakeHost _host = null!;

    public AddCheckDelTests() => _fake.Add("fake-ipam", new JsonObject { ["log"] = _fake.LogPath("fake-ipam") });

    public async ValueTask InitializeAsync() => _host = await TestHosts.CreateAsync("cnitest-br-", ct: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        _fake.Dispose();
        return ValueTask.CompletedTask;
    }

    [PrivilegedTheory(Timeout = 120_000)]
    [InlineData("0.1.0", "host-local")]
    [InlineData("0.2.0", "host-local")]
    [InlineData("0.3.0", "host-local")]
    [InlineData("0.3.1", "host-local")]
    [InlineData("0.4.0", "host-local")]
    [InlineData("1.0.0", "host-local")]
    [InlineData("1.1.0", "fake-ipam")] // Debian's host-local refuses 1.1.0
    [InlineData("0.1.0", "cnitest-ipam")]
    [InlineData("0.2.0", "cnitest-ipam")]
    [InlineData("0.3.0", "cnitest-ipam")]
    [InlineData("0.3.1", "cnitest-ipam")]
    [InlineData("0.4.0", "cnitest-ipam")]
    [InlineData("1.0.0", "cnitest-ipam")]
    [InlineData("1.1.0", "cnitest-ipam")]
    public async Task AddCheckDel_Version_ConfiguresThenRemovesEverything(string version, string ipam)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewSandbox("c1");
        var list = BridgeRuntime.Conf(ipam switch
        {
            "fake-ipam" => BridgeConfs.FakeIpam(),
            "cnitest-ipam" => BridgeConfs.OwnIpam(_host, version),
            _ => BridgeConfs.HostLocal(_host, version),
        });
        var runtime = _host.Runtime(cache: true, _fake.Path);
        var rt = new RuntimeConf("c1", container.Path, "eth0");

        // Act
        var result = (await runtime.AddNetworkListAsync(list, rt, ct)).ToJson();

        // Assert: the result is in the request's shape (P15, P16) and describes what is really there (P18, P20)
        result["cniVersion"]!.GetValue<string>().Should().Be(version);
        var address = version is "0.1.0" or "0.2.0"
            ? result["ip4"]!["ip"]!.GetValue<string>()
            : result["ips"]![0]!["address"]!.GetValue<string>();
        if (version is not ("0.1.0" or "0.2.0"))
        {
            var interfaces = result["interfaces"]!.AsArray();
            interfaces.Select(i => i!["name"]!.GetValue<string>()).Should().HaveCount(3).And.StartWith(BridgeConfs.BridgeName).And.EndWith("eth0");
            interfaces[2]!["sandbox"]!.GetValue<string>().Should().Be(container.Path);
            result["ips"]![0]!["interface"]!.GetValue<int>().Should().Be(2);
        }

        (await NetnsView.ReadAsync(container.Path)).GlobalAddresses.Should().Equal($"eth0 {address}");
        (await NetnsView.ReadAsync(_host.NetnsPath)).GlobalAddresses.Should().ContainSingle().Which.Should().StartWith(BridgeConfs.BridgeName);

        // Act: CHECK where the version has it (P32), then DEL twice (P26)
        if (SpecVersions.HasCheck(version))
        {
            await runtime.CheckNetworkListAsync(list, rt, ct);
        }

        await runtime.DelNetworkListAsync(list, rt, ct);
        await runtime.DelNetworkListAsync(list, rt, ct);

        // Assert: nothing left but the shared bridge; IPAM released (P29)
        (await NetnsView.ReadAsync(container.Path)).LinkNames.Should().Equal("lo");
        (await NetnsView.ReadAsync(_host.NetnsPath)).LinkNames.Should().BeEquivalentTo("lo", BridgeConfs.BridgeName);
        _host.IpamReservations().Should().BeEmpty();
        if (ipam == "fake-ipam")
        {
            _fake.Calls("fake-ipam").Select(c => c["command"]!.GetValue<string>()).Should().Equal("ADD", "CHECK", "DEL", "DEL");
        }
    }

    [PrivilegedFact(Timeout = 120_000)]
    public async Task Check_AddressRemovedBehindItsBack_FailsNamingIt()
    {
        // Arrange (P33)
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewSandbox("c2");
        var list = BridgeRuntime.Conf(BridgeConfs.HostLocal(_host, "1.0.0"));
        var runtime = _host.Runtime();
        var rt = new RuntimeConf("c2", container.Path, "eth0");
        var address = (await runtime.AddNetworkListAsync(list, rt, ct)).ToJson()["ips"]![0]!["address"]!.GetValue<string>();
        await container.IpBatchAsync($"addr del {address} dev eth0\n", ct);

        // Act
        var act = () => runtime.CheckNetworkListAsync(list, rt, ct);

        // Assert
        (await act.Should().ThrowAsync<Harness.Invocation.PluginErrorException>()).Which.Message.Should().Contain(address);
        await runtime.DelNetworkListAsync(list, rt, ct);
    }

    [PrivilegedFact(Timeout = 120_000)]
    public async Task Check_HostVethDetachedFromBridge_Fails()
    {
        // Arrange (P33)
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewSandbox("c3");
        var list = BridgeRuntime.Conf(BridgeConfs.HostLocal(_host, "1.0.0"));
        var runtime = _host.Runtime();
        var rt = new RuntimeConf("c3", container.Path, "eth0");
        var veth = (await runtime.AddNetworkListAsync(list, rt, ct)).ToJson()["interfaces"]![1]!["name"]!.GetValue<string>();
        await _host.IpBatchAsync($"link set {veth} nomaster\n", ct);

        // Act
        var act = () => runtime.CheckNetworkListAsync(list, rt, ct);

        // Assert
        (await act.Should().ThrowAsync<Harness.Invocation.PluginErrorException>()).Which.Message.Should().Contain("not attached");
        await runtime.DelNetworkListAsync(list, rt, ct);
    }
}
