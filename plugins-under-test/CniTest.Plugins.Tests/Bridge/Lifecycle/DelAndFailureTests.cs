using CniTest.Plugins.Tests.Bridge.Support;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Lifecycle;

/// <summary>DEL idempotence (P26, P27) and what a failed ADD leaves behind (P19, P23, plugins#714): nothing.</summary>
public sealed class DelAndFailureTests : IAsyncLifetime
{
    private FakeHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await TestHosts.CreateAsync("cnitest-br-", ct: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        return ValueTask.CompletedTask;
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Del_NeverAdded_Succeeds()
    {
        // Arrange
        var container = _host.NewSandbox("never");
        var list = BridgeRuntime.Conf(BridgeConfs.HostLocal(_host, "1.0.0"));

        // Act
        var act = () => _host.Runtime().DelNetworkListAsync(list, new RuntimeConf("never", container.Path, "eth0"), TestContext.Current.CancellationToken);

        // Assert
        await act.Should().NotThrowAsync();
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Del_NetnsAlreadyDeleted_SucceedsAndReleasesTheAddress()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewSandbox("gone");
        var list = BridgeRuntime.Conf(BridgeConfs.HostLocal(_host, "1.0.0", extra: "\"ipMasq\":true,"));
        var runtime = _host.Runtime();
        var rt = new RuntimeConf("gone", container.Path, "eth0");
        await runtime.AddNetworkListAsync(list, rt, ct);
        container.Dispose();

        // Act
        await runtime.DelNetworkListAsync(list, rt, ct);
        await runtime.DelNetworkListAsync(list, rt, ct);

        // Assert: IPAM and the host's NAT rules are clean although the interface could not be visited (P27)
        _host.IpamReservations().Should().BeEmpty();
        (await StateSnapshot.IptablesAsync(_host.NetnsPath, "nat")).Should().BeEmpty();
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Del_EmptyNetns_SucceedsAndReleasesTheAddressAndRules()
    {
        // Arrange (PEERS nerdctl#1872: DEL without netns must still remove host-side rules)
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewSandbox("nons");
        var list = BridgeRuntime.Conf(BridgeConfs.HostLocal(_host, "1.0.0", extra: "\"ipMasq\":true,"));
        var runtime = _host.Runtime(cache: false);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("nons", container.Path, "eth0"), ct);

        // Act
        await runtime.DelNetworkListAsync(list, new RuntimeConf("nons", null, "eth0"), ct);

        // Assert
        _host.IpamReservations().Should().BeEmpty();
        (await StateSnapshot.IptablesAsync(_host.NetnsPath, "nat")).Should().BeEmpty();
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Add_SameContainerAndIfnameTwice_SecondFailsAndTheFirstKeepsItsAddress()
    {
        // Arrange (P19)
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewSandbox("twice");
        var list = BridgeRuntime.Conf(BridgeConfs.HostLocal(_host, "1.0.0"));
        var runtime = _host.Runtime(cache: false);
        var rt = new RuntimeConf("twice", container.Path, "eth0");
        var address = (await runtime.AddNetworkListAsync(list, rt, ct)).ToJson()["ips"]![0]!["address"]!.GetValue<string>();

        // Act
        var act = () => runtime.AddNetworkListAsync(list, rt, ct);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Message.Should().Contain("already exists");
        _host.IpamReservations().Should().Equal(address.Split('/')[0]);
        (await NetnsView.ReadAsync(container.Path)).GlobalAddresses.Should().Equal($"eth0 {address}");
        (await NetnsView.ReadAsync(_host.NetnsPath)).LinkNames.Count(l => l.StartsWith("veth", StringComparison.Ordinal)).Should().Be(1);
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Add_FailsAfterIpamAllocated_ReleasesTheAddressAndRemovesTheVeth()
    {
        // Arrange (P23): the bridge already has a different gateway address and forceAddress is off
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewSandbox("p23");
        await _host.IpBatchAsync($"link add {BridgeConfs.BridgeName} type bridge\naddr add 10.77.0.1/24 dev {BridgeConfs.BridgeName}\n", ct);
        var list = BridgeRuntime.Conf(BridgeConfs.HostLocal(_host, "1.0.0"));

        // Act
        var act = () => _host.Runtime(cache: false).AddNetworkListAsync(list, new RuntimeConf("p23", container.Path, "eth0"), ct);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Message.Should().Contain("already has an IP address");
        _host.IpamReservations().Should().BeEmpty();
        (await NetnsView.ReadAsync(container.Path)).LinkNames.Should().Equal("lo");
        (await NetnsView.ReadAsync(_host.NetnsPath)).LinkNames.Should().NotContain(l => l.StartsWith("veth"));
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Add_ForceAddress_ReplacesTheBridgesOldAddress()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewSandbox("force");
        await _host.IpBatchAsync($"link add {BridgeConfs.BridgeName} type bridge\naddr add 10.77.0.1/24 dev {BridgeConfs.BridgeName}\n", ct);
        var list = BridgeRuntime.Conf(BridgeConfs.HostLocal(_host, "1.0.0", extra: "\"forceAddress\":true,"));

        // Act
        await _host.Runtime(cache: false).AddNetworkListAsync(list, new RuntimeConf("force", container.Path, "eth0"), ct);

        // Assert
        (await NetnsView.ReadAsync(_host.NetnsPath)).GlobalAddresses.Should().Equal($"{BridgeConfs.BridgeName} {BridgeConfs.Gateway}/24");
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Add_NetnsIsThePluginsOwn_RefusedWithoutTouchingAnything()
    {
        // Arrange (plugins#714): CNI_NETNS names the fake host, where the plugin itself runs
        var list = BridgeRuntime.Conf(BridgeConfs.HostLocal(_host, "1.0.0"));
        var before = (await NetnsView.ReadAsync(_host.NetnsPath)).LinkNames;

        // Act
        var act = () => _host.Runtime(cache: false).AddNetworkListAsync(list, new RuntimeConf("self", _host.NetnsPath, "eth0"), TestContext.Current.CancellationToken);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Code.Should().Be(4);
        (await NetnsView.ReadAsync(_host.NetnsPath)).LinkNames.Should().Equal(before);
        _host.IpamReservations().Should().BeEmpty();
    }
}
