using CniTest.Plugins.Tests.Bridge.Support;
using CniTest.Harness.Operations;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Lifecycle;

/// <summary>Concurrent ADD/DEL for different containers (P8) on a bridge that does not exist yet (plugins#366).</summary>
public sealed class ParallelAddTests : IAsyncLifetime
{
    private const int Containers = 10;
    private FakeHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await TestHosts.CreateAsync("cnitest-br-", ct: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        return ValueTask.CompletedTask;
    }

    [PrivilegedFact(Timeout = 120_000)]
    public async Task Add_TenInParallelOnAFreshBridge_AllSucceedWithDistinctAddressesAndOneGateway()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var list = BridgeRuntime.Conf(BridgeConfs.HostLocal(_host, "1.0.0", extra: "\"isDefaultGateway\":true,\"ipMasq\":true,"));
        var runtime = _host.Runtime(cache: false);
        var attachments = Enumerable.Range(0, Containers)
            .Select(i => new RuntimeConf($"par{i}", _host.NewSandbox($"par{i}").Path, "eth0")).ToList();

        // Act: every ADD races to create cnitest0 and to give it the gateway address
        var results = await Task.WhenAll(attachments.Select(rt => Task.Run(() => runtime.AddNetworkListAsync(list, rt, ct), ct)));

        // Assert
        var addresses = results.Select(r => r.ToJson()["ips"]![0]!["address"]!.GetValue<string>()).ToList();
        addresses.Should().OnlyHaveUniqueItems();
        _host.IpamReservations().Should().HaveCount(Containers);
        (await NetnsView.ReadAsync(_host.NetnsPath)).GlobalAddresses.Should().Equal($"{BridgeConfs.BridgeName} {BridgeConfs.Gateway}/24");
        (await NetnsView.ReadAsync(_host.NetnsPath)).LinkNames.Count(l => l.StartsWith("veth", StringComparison.Ordinal)).Should().Be(Containers);

        // Act: and all DELs at once
        await Task.WhenAll(attachments.Select(rt => Task.Run(() => runtime.DelNetworkListAsync(list, rt, ct), ct)));

        // Assert
        _host.IpamReservations().Should().BeEmpty();
        (await NetnsView.ReadAsync(_host.NetnsPath)).LinkNames.Should().BeEquivalentTo("lo", BridgeConfs.BridgeName);
        (await StateSnapshot.IptablesAsync(_host.NetnsPath, "nat")).Should().BeEmpty();
    }
}
