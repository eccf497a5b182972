using CniTest.Ipam;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Hosting;
using CniTest.Plugins.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Ipam;

public sealed class IpamAddTests : IDisposable
{
    private readonly IpamScratch _scratch = new();
    private readonly HostLocalIpam _ipam = new();

    [Fact]
    public void Add_TwoContainers_GetConsecutiveAddressesAndHostLocalFiles()
    {
        // Arrange
        var config = _scratch.Config(IpamScratch.DualStack);

        // Act
        var first = _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c1"));
        var second = _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c2", "net1"));

        // Assert
        first.Ips.Select(ip => ip.Address.ToString()).Should().Equal("10.10.0.2/24", "fd00:10::2/64");
        first.Ips.Select(ip => ip.Gateway!.ToString()).Should().Equal("10.10.0.1", "fd00:10::1");
        first.Interfaces.Should().BeEmpty("IPAM results carry no interfaces (P24)");
        second.Ips.Select(ip => ip.Address.ToString()).Should().Equal("10.10.0.3/24", "fd00:10::3/64");
        _scratch.Files().Should().Equal("10.10.0.2", "10.10.0.3", "fd00:10::2", "fd00:10::3", "last_reserved_ip.0", "last_reserved_ip.1", "lock");
        _scratch.Read("10.10.0.3").Should().Be("c2\r\nnet1");
        _scratch.Read("last_reserved_ip.0").Should().Be("10.10.0.3");
        _scratch.Read("last_reserved_ip.1").Should().Be("fd00:10::3");
    }

    [Fact]
    public void Add_AfterRelease_ContinuesAfterTheCursorInsteadOfReusing()
    {
        // Arrange
        var config = _scratch.Config();
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c1"));
        _ipam.Del(IpamScratch.Args(CniCommand.Del, config, "c1"));

        // Act
        var result = _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c2"));

        // Assert: round-robin like host-local
        result.Ips.Single().Address.ToString().Should().Be("10.10.0.3/24");
    }

    [Fact]
    public void Add_SameAttachmentTwice_FailsAndKeepsTheFirstReservation()
    {
        var config = _scratch.Config();
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config));

        var act = () => _ipam.Add(IpamScratch.Args(CniCommand.Add, config));

        act.Should().Throw<CniPluginException>().Which.Msg.Should().Contain("duplicate allocation is not allowed");
        _scratch.Files().Should().Equal("10.10.0.2", "last_reserved_ip.0", "lock");
    }

    [Fact]
    public void Add_SameContainerOtherIfName_GetsASecondAddress()
    {
        var config = _scratch.Config();
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c1", "eth0"));

        var result = _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c1", "eth1"));

        result.Ips.Single().Address.ToString().Should().Be("10.10.0.3/24");
    }

    [Fact]
    public void Add_RequestedIpInCniArgs_IsReserved()
    {
        var config = _scratch.Config(IpamScratch.DualStack);

        var result = _ipam.Add(IpamScratch.Args(CniCommand.Add, config, cniArgs: "IgnoreUnknown=1;K8S_POD_NAME=p;IP=10.10.0.77"));

        result.Ips.Select(ip => ip.Address.ToString()).Should().Equal("10.10.0.77/24", "fd00:10::2/64");
        _scratch.Read("last_reserved_ip.0").Should().Be("10.10.0.77");
    }

    [Fact]
    public void Add_RequestedIpsInArgsAndCniArgs_JsonArgsWin()
    {
        // P50: args.cni.ips and CNI_ARGS IP carry the same information; the JSON one wins.
        var config = _scratch.Config();
        config["args"] = new System.Text.Json.Nodes.JsonObject { ["cni"] = new System.Text.Json.Nodes.JsonObject { ["ips"] = new System.Text.Json.Nodes.JsonArray("10.10.0.40") } };

        var result = _ipam.Add(IpamScratch.Args(CniCommand.Add, config, cniArgs: "IP=10.10.0.41"));

        result.Ips.Single().Address.ToString().Should().Be("10.10.0.40/24");
    }

    [Theory]
    [InlineData("IP=10.10.0.1", "gateway")]
    [InlineData("IP=10.99.0.5", "failed to allocate all requested IPs")]
    public void Add_UnusableRequestedIp_FailsWithoutLeaking(string cniArgs, string expected)
    {
        var config = _scratch.Config(IpamScratch.DualStack);

        var act = () => _ipam.Add(IpamScratch.Args(CniCommand.Add, config, cniArgs: cniArgs));

        act.Should().Throw<CniPluginException>().Which.Msg.Should().Contain(expected);
        _scratch.Files().Where(f => char.IsDigit(f[0]) || f.Contains(':')).Should().BeEmpty();
    }

    [Fact]
    public void Add_UnknownCniArg_FailsWithCode4()
    {
        var config = _scratch.Config();

        var act = () => _ipam.Add(IpamScratch.Args(CniCommand.Add, config, cniArgs: "FOO=BAR"));

        act.Should().Throw<CniPluginException>().Which.Code.Should().Be(CniErrorCodes.InvalidEnvironmentVariables);
    }

    [Fact]
    public void Add_RangeExhausted_FailsAndReleasesTheOtherFamily()
    {
        // Arrange: a /30 has exactly one address besides the gateway.
        var config = _scratch.Config("""[[{"subnet":"fd00:10::/64"}],[{"subnet":"10.10.0.0/30"}]]""");
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c1"));

        // Act
        var act = () => _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c2"));

        // Assert: all or nothing, host-local's wording
        act.Should().Throw<CniPluginException>().Which.Msg.Should().Be("failed to allocate for range 1: no IP addresses available in range set: 10.10.0.1-10.10.0.2");
        _scratch.Files().Should().Equal("10.10.0.2", "fd00:10::2", "last_reserved_ip.0", "last_reserved_ip.1", "lock");
    }

    [Fact]
    public void Add_LegacyTopLevelRangeAndRoutesAndResolvConf_AreHonoured()
    {
        // Arrange
        var resolv = Path.Combine(_scratch.DataDir, "resolv.conf");
        File.WriteAllText(resolv, "# comment\nnameserver 10.0.0.53\nsearch a.example b.example\noptions ndots:2\ndomain example\n");
        var config = _scratch.Config(IpamScratch.DualStack, extraIpam:
            $$""","subnet":"10.20.0.0/16","rangeStart":"10.20.5.5","routes":[{"dst":"0.0.0.0/0"},{"dst":"192.168.0.0/16","gw":"10.20.0.254"}],"resolvConf":"{{resolv}}" """);

        // Act
        var result = _ipam.Add(IpamScratch.Args(CniCommand.Add, config));

        // Assert: the legacy range comes first (host-local prepends it), so it uses last_reserved_ip.0
        result.Ips.Select(ip => ip.Address.ToString()).Should().Equal("10.20.5.5/16", "10.10.0.2/24", "fd00:10::2/64");
        result.Routes.Select(r => $"{r.Dst} {r.Gw}").Should().Equal("0.0.0.0/0 ", "192.168.0.0/16 10.20.0.254");
        result.Dns.Nameservers.Should().Equal("10.0.0.53");
        result.Dns.Search.Should().Equal("a.example", "b.example");
        result.Dns.Options.Should().Equal("ndots:2");
        result.Dns.Domain.Should().Be("example");
        _scratch.Read("last_reserved_ip.0").Should().Be("10.20.5.5");
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","name":"testnet","type":"x"}""", "'ipam'")]
    [InlineData("""{"cniVersion":"1.0.0","name":"testnet","type":"x","ipam":{"type":"x"}}""", "no IP ranges")]
    [InlineData("""{"cniVersion":"1.0.0","name":"testnet","type":"x","ipam":{"ranges":[[{"subnet":"10.0.0.0/24"}],[{"subnet":"10.0.0.0/25"}]]}}""", "overlaps")]
    [InlineData("""{"cniVersion":"0.2.0","name":"testnet","type":"x","ipam":{"ranges":[[{"subnet":"10.0.0.0/24"}],[{"subnet":"10.1.0.0/24"}]]}}""", "more than 1 address per family")]
    public void Add_InvalidConfig_FailsWithCode7(string json, string expected)
    {
        var config = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();

        var act = () => _ipam.Add(IpamScratch.Args(CniCommand.Add, config));

        var error = act.Should().Throw<CniPluginException>().Which;
        error.Code.Should().Be(CniErrorCodes.InvalidNetworkConfig);
        error.Msg.Should().Contain(expected);
    }

    [Fact]
    public void Add_RuntimeConfigIpRanges_ArePrependedAndRuntimeIpsRequested()
    {
        var config = _scratch.Config();
        config["runtimeConfig"] = System.Text.Json.Nodes.JsonNode.Parse("""{"ipRanges":[[{"subnet":"10.30.0.0/24"}]],"ips":["10.30.0.9/24"]}""");

        var result = _ipam.Add(IpamScratch.Args(CniCommand.Add, config));

        result.Ips.Select(ip => ip.Address.ToString()).Should().Equal("10.30.0.9/24", "10.10.0.2/24");
    }

    public void Dispose() => _scratch.Dispose();
}
