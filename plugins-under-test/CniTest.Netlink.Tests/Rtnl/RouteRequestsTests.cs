using System.Net;
using CniTest.Netlink.Rtnl;
using CniTest.Netlink.Tests.Support;
using FluentAssertions;
using Xunit;
using static CniTest.Netlink.Tests.Rtnl.IpRouteCapture;

namespace CniTest.Netlink.Tests.Rtnl;

/// <summary>RTM_*ROUTE requests against iproute2's bytes (veth0 is ifindex 3).</summary>
public sealed class RouteRequestsTests
{
    [Fact]
    public void Add_ViaGateway_MatchesIpRouteAdd()
    {
        // Arrange: ip route add 10.9.0.0/16 via 10.1.2.4 dev veth0
        var expected = Hex.Parse("""
            34000000 1800 0506 7b14046b 00000000   # RTM_NEWROUTE, REQUEST|ACK|EXCL|CREATE
            02 10 00 00 fe 03 00 01 00000000       # rtmsg: AF_INET /16, table main, proto boot, universe, unicast
            0800 0100 0a090000                     # RTA_DST
            0800 0500 0a010204                     # RTA_GATEWAY
            0800 0400 03000000                     # RTA_OIF
            """);

        // Act
        var actual = RouteRequests.Add(IPNetwork.Parse("10.9.0.0/16"), IPAddress.Parse("10.1.2.4"), 3, null, null, null, replace: false).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Add_Default_HasNoDestinationAttribute()
    {
        // Arrange: ip route add default via 10.1.2.4 dev veth0
        var expected = Hex.Parse("""
            2c000000 1800 0506 7b14046b 00000000
            02 00 00 00 fe 03 00 01 00000000
            0800 0500 0a010204
            0800 0400 03000000
            """);

        // Act
        var actual = RouteRequests.Add(IPNetwork.Parse("0.0.0.0/0"), IPAddress.Parse("10.1.2.4"), 3, null, null, null, replace: false).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Add_NoGatewayMetricAndLargeTable_UsesLinkScopeAndRtaTable()
    {
        // Arrange: ip route add 10.8.0.0/16 dev veth0 metric 100 table 300
        var expected = Hex.Parse("""
            3c000000 1800 0506 7b14046b 00000000
            02 10 00 00 00 03 fd 01 00000000       # rtm_table UNSPEC (300 does not fit), scope link
            0800 0100 0a080000
            0800 0600 64000000                     # RTA_PRIORITY 100
            0800 0f00 2c010000                     # RTA_TABLE 300
            0800 0400 03000000
            """);

        // Act
        var actual = RouteRequests.Add(IPNetwork.Parse("10.8.0.0/16"), null, 3, null, table: 300, metric: 100, replace: false).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Add_Ipv6ViaGateway_MatchesIpRouteAdd()
    {
        // Arrange: ip -6 route add fd01::/64 via fd00::2 dev veth0
        var expected = Hex.Parse("""
            4c000000 1800 0506 7b14046b 00000000
            0a 40 00 00 fe 03 00 01 00000000
            1400 0100 fd010000000000000000000000000000
            1400 0500 fd000000000000000000000000000002
            0800 0400 03000000
            """);

        // Act
        var actual = RouteRequests.Add(IPNetwork.Parse("fd01::/64"), IPAddress.Parse("fd00::2"), 3, null, null, null, replace: false).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Delete_ViaGateway_MatchesIpRouteDel()
    {
        // Arrange: ip route del 10.9.0.0/16 via 10.1.2.4 dev veth0
        var expected = Hex.Parse("""
            34000000 1900 0500 7b14046b 00000000   # RTM_DELROUTE, REQUEST|ACK
            02 10 00 00 fe 00 ff 00 00000000       # protocol unspec, scope nowhere, type unspec
            0800 0100 0a090000
            0800 0500 0a010204
            0800 0400 03000000
            """);

        // Act
        var actual = RouteRequests.Delete(IPNetwork.Parse("10.9.0.0/16"), IPAddress.Parse("10.1.2.4"), 3, null, null).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Add_GatewayOfOtherFamily_Throws()
    {
        // Act
        var act = () => RouteRequests.Add(IPNetwork.Parse("10.9.0.0/16"), IPAddress.Parse("fd00::1"), 3, null, null, null, replace: false);

        // Assert
        act.Should().Throw<ArgumentException>();
    }
}
