using CniTest.Plugins.Tests.Bridge.Support;
using CniTest.Harness.Operations;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Lifecycle;

/// <summary>Concurrent ADD/DEL for different containers (P8) on a bridge that does not exist yet (plugins#366).</summary>
public sealed class ParallelAddTests : IDisposable
{
    private const int Containers = 10;
    private readonly BridgeHost _host = new();

    public void Dispose() => _host.Dispose();

    [PrivilegedFact(Timeout = 120_000)]
    public async Task Add_TenInParallelOnAFreshBridge_AllSucceedWithDistinctAddressesAndOneGateway()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var list = BridgeHost.Conf(BridgeConfs.HostLocal(_host, "1.0.0", extra: "\"isDefaultGateway\":true,\"ipMasq\":true,"));
        var runtime = _host.Runtime(cache: false);
        var attachments = Enumerable.Range(0, Containers)
            .Select(i => new RuntimeConf($"par{i}", _host.NewContainer($"par{i}").Path, "eth0")).ToList();

        // Act: every ADD races to create cnitest0 and to give it the gateway address
        var results = await Task.WhenAll(attachments.Select(rt => Task.Run(() => runtime.AddNetworkListAsync(list, rt, ct), ct)));

        // Assert
        var addresses = results.Select(r => r.ToJson()["ips"]![0]!["address"]!.GetValue<string>()).ToList();
        addresses.Should().OnlyHaveUniqueItems();
        _host.IpamReservations().Should().HaveCount(Containers);
        FakeHost.Addresses(_host.Host.Path).Should().Equal($"{BridgeConfs.BridgeName} {BridgeConfs.Gateway}/24");
        FakeHost.Links(_host.Host.Path).Count(l => l.StartsWith("veth", StringComparison.Ordinal)).Should().Be(Containers);

        // Act: and all DELs at once
        await Task.WhenAll(attachments.Select(rt => Task.Run(() => runtime.DelNetworkListAsync(list, rt, ct), ct)));

        // Assert
        _host.IpamReservations().Should().BeEmpty();
        FakeHost.Links(_host.Host.Path).Should().BeEquivalentTo("lo", BridgeConfs.BridgeName);
        NetworkState.NatRules(_host.Host.Path).Should().BeEmpty();
    }
}
