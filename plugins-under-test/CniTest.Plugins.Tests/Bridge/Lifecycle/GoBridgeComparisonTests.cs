using System.Text.Json.Nodes;
using CniTest.Plugins.Tests.Bridge.Support;
using CniTest.Harness.Operations;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Lifecycle;

/// <summary>
/// The same configuration through Go's bridge (Debian 1.1.1) in one fake host and through cnitest-bridge in
/// another: after ADD, and again after DEL, both hosts and both containers look the same to iproute2,
/// iptables-save and ip6tables-save (veth names and MACs aside), and the results have the same content; with an IPv4
/// and an IPv6 range too (issue 10).
/// </summary>
public sealed class GoBridgeComparisonTests : IAsyncLifetime
{
    private FakeHost _goHost = null!;
    private FakeHost _ourHost = null!;

    public async ValueTask InitializeAsync()
    {
        _goHost = await TestHosts.CreateAsync("cnitest-br-", ct: TestContext.Current.CancellationToken);
        _ourHost = await TestHosts.CreateAsync("cnitest-br-", ct: TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _goHost?.Dispose();
        _ourHost?.Dispose();
        return ValueTask.CompletedTask;
    }

    [PrivilegedTheory(Timeout = 120_000)]
    [InlineData("0.3.1", "\"isDefaultGateway\":true,\"ipMasq\":true,\"mtu\":1400,\"hairpinMode\":true,", false)]
    [InlineData("1.0.0", "\"ipMasq\":false,\"promiscMode\":true,", false)]
    [InlineData("0.2.0", "\"isDefaultGateway\":true,", false)]
    [InlineData("1.0.0", "\"ipMasq\":true,", true)]
    [InlineData("0.3.1", "\"ipMasq\":true,\"mtu\":1400,\"hairpinMode\":true,", true)]
    [InlineData("0.2.0", "", true)]
    public async Task Add_SameConfig_SameStateAsGoBridge(string version, string options, bool dualStack)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var goContainer = _goHost.NewSandbox("c1");
        var ourContainer = _ourHost.NewSandbox("c1");
        var goList = BridgeRuntime.Conf(dualStack
            ? BridgeConfs.DualStack(_goHost, version, ipam: "host-local", type: "bridge", extra: options)
            : BridgeConfs.HostLocal(_goHost, version, type: "bridge", extra: options));
        var ourList = BridgeRuntime.Conf(dualStack
            ? BridgeConfs.DualStack(_ourHost, version, ipam: "host-local", extra: options)
            : BridgeConfs.HostLocal(_ourHost, version, extra: options));
        var goRuntime = _goHost.Runtime(cache: false);
        var ourRuntime = _ourHost.Runtime(cache: false);

        // Act
        var goResult = (await goRuntime.AddNetworkListAsync(goList, new RuntimeConf("c1", goContainer.Path, "eth0"), ct)).ToJson();
        var ourResult = (await ourRuntime.AddNetworkListAsync(ourList, new RuntimeConf("c1", ourContainer.Path, "eth0"), ct)).ToJson();

        // Assert
        (await NetworkState.OfAsync(_ourHost.NetnsPath)).Should().Equal((await NetworkState.OfAsync(_goHost.NetnsPath)));
        (await NetworkState.OfAsync(ourContainer.Path, "eth0")).Should().Equal((await NetworkState.OfAsync(goContainer.Path, "eth0")));
        (await StateSnapshot.IptablesAsync(_ourHost.NetnsPath, "nat")).Should().Equal((await StateSnapshot.IptablesAsync(_goHost.NetnsPath, "nat")));
        (await StateSnapshot.Ip6tablesAsync(_ourHost.NetnsPath, "nat")).Should().Equal((await StateSnapshot.Ip6tablesAsync(_goHost.NetnsPath, "nat")));
        Normalize(ourResult, ourContainer.Path).Should().Be(Normalize(goResult, goContainer.Path));
        (await NetnsView.ReadAsync(ourContainer.Path)).GlobalAddresses.Should().HaveCount(dualStack ? 2 : 1);

        // Act
        await goRuntime.DelNetworkListAsync(goList, new RuntimeConf("c1", goContainer.Path, "eth0"), ct);
        await ourRuntime.DelNetworkListAsync(ourList, new RuntimeConf("c1", ourContainer.Path, "eth0"), ct);

        // Assert
        (await NetworkState.OfAsync(_ourHost.NetnsPath)).Should().Equal((await NetworkState.OfAsync(_goHost.NetnsPath)));
        (await NetworkState.OfAsync(ourContainer.Path)).Should().Equal((await NetworkState.OfAsync(goContainer.Path)));
        (await StateSnapshot.IptablesAsync(_ourHost.NetnsPath, "nat")).Should().Equal((await StateSnapshot.IptablesAsync(_goHost.NetnsPath, "nat")));
        (await StateSnapshot.Ip6tablesAsync(_ourHost.NetnsPath, "nat")).Should().Equal((await StateSnapshot.Ip6tablesAsync(_goHost.NetnsPath, "nat")));
        _ourHost.IpamReservations().Should().Equal(_goHost.IpamReservations());
    }

    /// <summary>The result with what differs by nature (MACs, the random veth name, the sandbox path) blanked.</summary>
    private static string Normalize(JsonObject result, string sandbox)
    {
        var copy = (JsonObject)result.DeepClone();
        foreach (var nic in copy["interfaces"]?.AsArray() ?? [])
        {
            if (nic!["mac"] is not null)
            {
                nic["mac"] = "MAC";
            }

            if (nic["name"]!.GetValue<string>().StartsWith("veth", StringComparison.Ordinal))
            {
                nic["name"] = "veth*";
            }

            if (nic["sandbox"]?.GetValue<string>() == sandbox)
            {
                nic["sandbox"] = "SANDBOX";
            }
        }

        if (copy["dns"] is JsonObject { Count: 0 })
        {
            copy.Remove("dns");
        }

        return copy.ToJsonString();
    }
}
