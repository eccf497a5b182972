using CniTest.Plugins.Tests.Bridge.Support;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Lifecycle;

/// <summary>DEL idempotence (P26, P27) and what a failed ADD leaves behind (P19, P23, plugins#714): nothing.</summary>
public sealed class DelAndFailureTests : IDisposable
{
    private readonly BridgeHost _host = new();

    public void Dispose() => _host.Dispose();

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Del_NeverAdded_Succeeds()
    {
        // Arrange
        var container = _host.NewContainer("never");
        var list = BridgeHost.Conf(BridgeConfs.HostLocal(_host, "1.0.0"));

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
        var container = _host.NewContainer("gone");
        var list = BridgeHost.Conf(BridgeConfs.HostLocal(_host, "1.0.0", extra: "\"ipMasq\":true,"));
        var runtime = _host.Runtime();
        var rt = new RuntimeConf("gone", container.Path, "eth0");
        await runtime.AddNetworkListAsync(list, rt, ct);
        container.Dispose();

        // Act
        await runtime.DelNetworkListAsync(list, rt, ct);
        await runtime.DelNetworkListAsync(list, rt, ct);

        // Assert: IPAM and the host's NAT rules are clean although the interface could not be visited (P27)
        _host.IpamReservations().Should().BeEmpty();
        NetworkState.NatRules(_host.Host.Path).Should().BeEmpty();
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Del_EmptyNetns_SucceedsAndReleasesTheAddressAndRules()
    {
        // Arrange (PEERS nerdctl#1872: DEL without netns must still remove host-side rules)
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewContainer("nons");
        var list = BridgeHost.Conf(BridgeConfs.HostLocal(_host, "1.0.0", extra: "\"ipMasq\":true,"));
        var runtime = _host.Runtime(cache: false);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("nons", container.Path, "eth0"), ct);

        // Act
        await runtime.DelNetworkListAsync(list, new RuntimeConf("nons", null, "eth0"), ct);

        // Assert
        _host.IpamReservations().Should().BeEmpty();
        NetworkState.NatRules(_host.Host.Path).Should().BeEmpty();
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Add_SameContainerAndIfnameTwice_SecondFailsAndTheFirstKeepsItsAddress()
    {
        // Arrange (P19)
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewContainer("twice");
        var list = BridgeHost.Conf(BridgeConfs.HostLocal(_host, "1.0.0"));
        var runtime = _host.Runtime(cache: false);
        var rt = new RuntimeConf("twice", container.Path, "eth0");
        var address = (await runtime.AddNetworkListAsync(list, rt, ct)).ToJson()["ips"]![0]!["address"]!.GetValue<string>();

        // Act
        var act = () => runtime.AddNetworkListAsync(list, rt, ct);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Message.Should().Contain("already exists");
        _host.IpamReservations().Should().Equal(address.Split('/')[0]);
        FakeHost.Addresses(container.Path).Should().Equal($"eth0 {address}");
        FakeHost.Links(_host.Host.Path).Count(l => l.StartsWith("veth", StringComparison.Ordinal)).Should().Be(1);
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Add_FailsAfterIpamAllocated_ReleasesTheAddressAndRemovesTheVeth()
    {
        // Arrange (P23): the bridge already has a different gateway address and forceAddress is off
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewContainer("p23");
        BridgeHost.Run(_host.Host.Path, "ip", "link", "add", BridgeConfs.BridgeName, "type", "bridge");
        BridgeHost.Run(_host.Host.Path, "ip", "addr", "add", "10.77.0.1/24", "dev", BridgeConfs.BridgeName);
        var list = BridgeHost.Conf(BridgeConfs.HostLocal(_host, "1.0.0"));

        // Act
        var act = () => _host.Runtime(cache: false).AddNetworkListAsync(list, new RuntimeConf("p23", container.Path, "eth0"), ct);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Message.Should().Contain("already has an IP address");
        _host.IpamReservations().Should().BeEmpty();
        FakeHost.Links(container.Path).Should().Equal("lo");
        FakeHost.Links(_host.Host.Path).Should().NotContain(l => l.StartsWith("veth"));
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Add_ForceAddress_ReplacesTheBridgesOldAddress()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewContainer("force");
        BridgeHost.Run(_host.Host.Path, "ip", "link", "add", BridgeConfs.BridgeName, "type", "bridge");
        BridgeHost.Run(_host.Host.Path, "ip", "addr", "add", "10.77.0.1/24", "dev", BridgeConfs.BridgeName);
        var list = BridgeHost.Conf(BridgeConfs.HostLocal(_host, "1.0.0", extra: "\"forceAddress\":true,"));

        // Act
        await _host.Runtime(cache: false).AddNetworkListAsync(list, new RuntimeConf("force", container.Path, "eth0"), ct);

        // Assert
        FakeHost.Addresses(_host.Host.Path).Should().Equal($"{BridgeConfs.BridgeName} {BridgeConfs.Gateway}/24");
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Add_NetnsIsThePluginsOwn_RefusedWithoutTouchingAnything()
    {
        // Arrange (plugins#714): CNI_NETNS names the fake host, where the plugin itself runs
        var list = BridgeHost.Conf(BridgeConfs.HostLocal(_host, "1.0.0"));
        var before = FakeHost.Links(_host.Host.Path);

        // Act
        var act = () => _host.Runtime(cache: false).AddNetworkListAsync(list, new RuntimeConf("self", _host.Host.Path, "eth0"), TestContext.Current.CancellationToken);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Code.Should().Be(4);
        FakeHost.Links(_host.Host.Path).Should().Equal(before);
        _host.IpamReservations().Should().BeEmpty();
    }
}
