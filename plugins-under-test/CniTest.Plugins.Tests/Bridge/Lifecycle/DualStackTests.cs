using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Plugins.Tests.Bridge.Support;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Lifecycle;

/// <summary>
/// cnitest-bridge with cnitest-ipam on an IPv4 and an IPv6 range (issue 10): both addresses on the container
/// interface, both gateways on the bridge, a default route per family, masquerading in iptables and ip6tables,
/// forwarding for both families; CHECK notices a missing IPv6 address; DEL and GC remove the IPv6 part as well.
/// </summary>
public sealed class DualStackTests : IAsyncLifetime
{
    private const string Masquerade = "\"ipMasq\":true,";
    private FakeHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await TestHosts.CreateAsync("cnitest-br-", ct: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        return ValueTask.CompletedTask;
    }

    [PrivilegedTheory(Timeout = 120_000)]
    [InlineData("0.2.0")]
    [InlineData("0.4.0")]
    [InlineData("1.1.0")]
    public async Task AddCheckDel_DualStack_ConfiguresBothFamiliesThenRemovesEverything(string version)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewSandbox("c1");
        var list = BridgeRuntime.Conf(BridgeConfs.DualStack(_host, version, extra: Masquerade));
        var runtime = _host.Runtime();
        var rt = new RuntimeConf("c1", container.Path, "eth0");

        // Act
        var result = (await runtime.AddNetworkListAsync(list, rt, ct)).ToJson();

        // Assert: the result in the request's shape names both addresses, and the kernel has what it says
        Addresses(result, version).Should().Equal("10.250.0.2/24", "fd00:250::2/64");
        var sandbox = await NetnsView.ReadAsync(container.Path, ct);
        sandbox.GlobalAddresses.Should().BeEquivalentTo("eth0 10.250.0.2/24", "eth0 fd00:250::2/64");
        sandbox.Routes.Where(r => r.IsDefault).Select(r => $"{r.Dst} via {r.Gateway} dev {r.Dev}")
            .Should().BeEquivalentTo($"0.0.0.0/0 via {BridgeConfs.Gateway} dev eth0", $"::/0 via {BridgeConfs.Gateway6} dev eth0");
        (await NetnsView.ReadAsync(_host.NetnsPath, ct)).GlobalAddresses
            .Should().BeEquivalentTo($"{BridgeConfs.BridgeName} {BridgeConfs.Gateway}/24", $"{BridgeConfs.BridgeName} {BridgeConfs.Gateway6}/64");
        (await StateSnapshot.IptablesAsync(_host.NetnsPath, "nat", ct)).Should().Contain(r => r.Contains("-s 10.250.0.2/32"));
        (await StateSnapshot.Ip6tablesAsync(_host.NetnsPath, "nat", ct)).Should().Contain(r => r.Contains("-s fd00:250::2/128"))
            .And.Contain(r => r.Contains("! -d ff00::/8") && r.Contains("-j MASQUERADE"));
        (await HelperCommand.RunCheckedAsync(_host.NetnsPath, "cat", ["/proc/sys/net/ipv6/conf/all/forwarding"], ct: ct)).Trim().Should().Be("1");
        _host.IpamReservations().Should().Equal("10.250.0.2", "fd00:250::2");

        // Act: CHECK where the version has it (P32), then DEL twice (P26)
        if (Harness.Versioning.SpecVersions.HasCheck(version))
        {
            await runtime.CheckNetworkListAsync(list, rt, ct);
        }

        await runtime.DelNetworkListAsync(list, rt, ct);
        await runtime.DelNetworkListAsync(list, rt, ct);

        // Assert: the IPv6 half is gone too
        (await NetnsView.ReadAsync(container.Path, ct)).LinkNames.Should().Equal("lo");
        (await StateSnapshot.IptablesAsync(_host.NetnsPath, "nat", ct)).Should().BeEmpty();
        (await StateSnapshot.Ip6tablesAsync(_host.NetnsPath, "nat", ct)).Should().BeEmpty();
        _host.IpamReservations().Should().BeEmpty();
    }

    [PrivilegedFact(Timeout = 120_000)]
    public async Task Check_Ipv6AddressRemovedIpv4Kept_FailsNamingIt()
    {
        // Arrange (P33)
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewSandbox("c2");
        var list = BridgeRuntime.Conf(BridgeConfs.DualStack(_host, "1.1.0"));
        var runtime = _host.Runtime();
        var rt = new RuntimeConf("c2", container.Path, "eth0");
        await runtime.AddNetworkListAsync(list, rt, ct);
        await container.IpBatchAsync("addr del fd00:250::2/64 dev eth0\n", ct);

        // Act
        var act = () => runtime.CheckNetworkListAsync(list, rt, ct);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Message.Should().Contain("fd00:250::2/64");
        await runtime.DelNetworkListAsync(list, rt, ct);
    }

    [PrivilegedFact(Timeout = 120_000)]
    public async Task Gc_StaleDualStackAttachment_RemovesItsIp6tablesRulesAndBothReservations()
    {
        // Arrange: no result cache, so GC must do the work (P37)
        var ct = TestContext.Current.CancellationToken;
        var keep = _host.NewSandbox("keep");
        var stale = _host.NewSandbox("stale");
        var list = BridgeRuntime.Conf(BridgeConfs.DualStack(_host, "1.1.0", extra: Masquerade));
        var runtime = _host.Runtime(cache: false);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("keep", keep.Path, "eth0"), ct);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("stale", stale.Path, "eth0"), ct);

        // Act
        await runtime.GcNetworkListAsync(list, new GcArgs([new GcAttachment("keep", "eth0")]), ct);

        // Assert
        (await StateSnapshot.Ip6tablesAsync(_host.NetnsPath, "nat", ct)).Should().OnlyContain(r => !r.Contains("id: \\\"stale\\\""))
            .And.Contain(r => r.Contains("id: \\\"keep\\\""));
        _host.IpamReservations().Should().Equal("10.250.0.2", "fd00:250::2");
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Status_Ipv6RangeExhausted_NotAvailable()
    {
        // Arrange: the IPv6 range holds one address, which the first attachment takes (P45, P46)
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewSandbox("c3");
        var list = BridgeRuntime.Conf(BridgeConfs.DualStack(_host, "1.1.0").Replace(
            $"{{\"subnet\":\"{BridgeConfs.Subnet6}\"}}",
            $"{{\"subnet\":\"{BridgeConfs.Subnet6}\",\"rangeStart\":\"fd00:250::2\",\"rangeEnd\":\"fd00:250::2\"}}", StringComparison.Ordinal));
        var runtime = _host.Runtime(cache: false);
        await runtime.StatusNetworkListAsync(list, ct);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("c3", container.Path, "eth0"), ct);

        // Act
        var act = () => runtime.StatusNetworkListAsync(list, ct);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Code.Should().Be(50);
    }

    /// <summary>The addresses of a result: ip4/ip6 before 0.3.0, ips[] after.</summary>
    private static IEnumerable<string> Addresses(JsonObject result, string version) => version is "0.1.0" or "0.2.0"
        ? [result["ip4"]!["ip"]!.GetValue<string>(), result["ip6"]!["ip"]!.GetValue<string>()]
        : result["ips"]!.AsArray().Select(ip => ip!["address"]!.GetValue<string>());
}
