using System.Net;
using System.Net.Sockets;
using CniTest.Scenarios.Connectivity;
using CniTest.Scenarios.Sandbox;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// The connectivity probes against a veth pair the test wires by hand between a fake host and a sandbox: each
/// probe reaches where the path works, both address families, and fails with what came back where it does not
/// (a smaller MTU on the far end, a firewall drop, an address nobody has).
/// </summary>
[Collection(RootCollection.Name)]
public sealed class ConnectivityProbeTests : IAsyncLifetime
{
    private RunDirectory? _dir;
    private FakeHost? _host;
    private ProbeEndpoint _host4 = null!, _host6 = null!, _sandbox4 = null!, _sandbox6 = null!;

    public async ValueTask InitializeAsync()
    {
        if (!Privileges.CanRun)
        {
            return;
        }

        _dir = RunDirectory.Create();
        _host = await FakeHost.CreateAsync(_dir.Path, "probe", []);
        var sandbox = _host.NewSandbox();
        await _host.IpBatchAsync($"""
            link add h0 type veth peer name s0 netns {sandbox.Path}
            addr add 10.200.0.1/24 dev h0
            addr add fd00:200::1/64 dev h0 nodad
            link set h0 up
            """);
        await sandbox.IpBatchAsync("""
            link set lo up
            addr add 10.200.0.2/24 dev s0
            addr add fd00:200::2/64 dev s0 nodad
            link set s0 up
            """);
        _host4 = new ProbeEndpoint("the fake host", _host.NetnsPath, IPAddress.Parse("10.200.0.1"));
        _host6 = _host4 with { Address = IPAddress.Parse("fd00:200::1") };
        _sandbox4 = new ProbeEndpoint("sandbox 1", sandbox.Path, IPAddress.Parse("10.200.0.2"));
        _sandbox6 = _sandbox4 with { Address = IPAddress.Parse("fd00:200::2") };
    }

    public ValueTask DisposeAsync()
    {
        _host?.Dispose();
        _dir?.Dispose();
        return ValueTask.CompletedTask;
    }

    [PrivilegedFact]
    public async Task Probes_WorkingPath_ReachBothFamiliesWithTheSourcesSeen()
    {
        // Act
        var ping4 = await IcmpProbe.EchoAsync(_sandbox4, _host4.Address);
        var ping6 = await IcmpProbe.EchoAsync(_sandbox6, _host6.Address);
        var mtu4 = await IcmpProbe.EchoAsync(_host4, _sandbox4.Address, IcmpProbe.PayloadForMtu(AddressFamily.InterNetwork, 1500), dontFragment: true);
        var mtu6 = await IcmpProbe.EchoAsync(_host6, _sandbox6.Address, IcmpProbe.PayloadForMtu(AddressFamily.InterNetworkV6, 1500), dontFragment: true);
        var tcp = await TcpProbe.ConnectAsync(_host4, _sandbox4, 8080);
        var udp6 = await UdpProbe.ExchangeAsync(_sandbox6, _host6, 5353);

        // Assert
        new[] { ping4, ping6, mtu4, mtu6, tcp, udp6 }.Should().OnlyContain(o => o.Reached);
        tcp.SeenSource.Should().Be(_host4.Address);
        udp6.SeenSource.Should().Be(_sandbox6.Address);
    }

    [PrivilegedFact]
    public async Task Probes_BrokenPath_FailWithWhatCameBack()
    {
        // Arrange: the sandbox's end takes 1400 bytes at most, and drops TCP to port 8081
        var sandbox = new SandboxView(_sandbox4.NetnsPath);
        await sandbox.IpAsync("link set s0 mtu 1400");
        await HelperNft(_sandbox4.NetnsPath, "add table inet t; add chain inet t in { type filter hook input priority 0; }; add rule inet t in tcp dport 8081 drop");

        // Act
        var mtu = await IcmpProbe.EchoAsync(_host4, _sandbox4.Address, IcmpProbe.PayloadForMtu(AddressFamily.InterNetwork, 1500), dontFragment: true);
        var tcp = await TcpProbe.ConnectAsync(_host4, _sandbox4, 8081);
        var nobody = await IcmpProbe.EchoAsync(_host4, IPAddress.Parse("10.201.0.9"));

        // Assert
        mtu.Reached.Should().BeFalse();
        mtu.Answer.Should().Contain("nothing came back");
        tcp.Reached.Should().BeFalse();
        tcp.Answer.Should().Contain("no answer to the SYN");
        nobody.Reached.Should().BeFalse();
        nobody.Answer.Should().Contain("no route");
    }

    private static Task HelperNft(string netns, string rules) => HelperCommand.RunCheckedAsync(netns, "nft", ["-f", "-"], rules);

    private sealed record SandboxView(string Netns)
    {
        public Task IpAsync(string command) => HelperCommand.RunCheckedAsync(Netns, "ip", command.Split(' '));
    }
}
