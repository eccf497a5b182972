using System.Net;
using CniTest.Netlink.Rtnl;
using CniTest.Netlink.Tests.Support;
using FluentAssertions;
using Xunit;
using static CniTest.Netlink.Tests.Rtnl.IpRouteCapture;

namespace CniTest.Netlink.Tests.Rtnl;

/// <summary>RTM_*ADDR requests against iproute2's bytes (veth0 is ifindex 3).</summary>
public sealed class AddressRequestsTests
{
    [Fact]
    public void Dump_Ipv4OfOneLink_MatchesIpFourAddrShowDev()
    {
        // Arrange: ip -4 addr show dev veth0 (strace of iproute2 6.1, strict socket): the kernel dumps only that link
        var expected = Hex.Parse("""
            18000000 1600 0103 7b14046b 00000000   # RTM_GETADDR, REQUEST|DUMP
            02 00 00 00 03000000                   # ifaddrmsg: AF_INET, ifindex 3
            """);

        // Act
        var actual = AddressRequests.Dump(2, index: 3).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Add_Ipv4Slash24_AddsBroadcastLikeIpAddrAddBrdPlus()
    {
        // Arrange: ip addr add 10.1.2.3/24 brd + dev veth0
        var expected = Hex.Parse("""
            30000000 1400 0506 7b14046b 00000000   # RTM_NEWADDR, REQUEST|ACK|EXCL|CREATE
            02 18 00 00 03000000                   # ifaddrmsg: AF_INET, /24, ifindex 3
            0800 0200 0a010203                     # IFA_LOCAL
            0800 0100 0a010203                     # IFA_ADDRESS
            0800 0400 0a0102ff                     # IFA_BROADCAST
            """);

        // Act
        var actual = AddressRequests.Add(3, IPAddress.Parse("10.1.2.3"), 24, replace: false).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Add_Ipv4Slash31_HasNoBroadcast()
    {
        // Arrange: ip addr add 10.1.2.4/31 dev veth0
        var expected = Hex.Parse("""
            28000000 1400 0506 7b14046b 00000000
            02 1f 00 00 03000000
            0800 0200 0a010204
            0800 0100 0a010204
            """);

        // Act
        var actual = AddressRequests.Add(3, IPAddress.Parse("10.1.2.4"), 31, replace: false).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Add_Ipv6_MatchesIpAddrAdd()
    {
        // Arrange: ip addr add fd00::1/64 dev veth0
        var expected = Hex.Parse("""
            40000000 1400 0506 7b14046b 00000000
            0a 40 00 00 03000000                   # AF_INET6 (10, not .NET's 23), /64
            1400 0200 fd000000000000000000000000000001
            1400 0100 fd000000000000000000000000000001
            """);

        // Act
        var actual = AddressRequests.Add(3, IPAddress.Parse("fd00::1"), 64, replace: false).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Add_Replace_UsesReplaceInsteadOfExcl()
    {
        // Act
        var actual = AddressRequests.Add(3, IPAddress.Parse("10.1.2.4"), 31, replace: true).Finish(Sequence);

        // Assert: flags REQUEST|ACK|REPLACE|CREATE = 0x0505
        actual[6..8].ToArray().Should().Equal(0x05, 0x05);
    }

    [Fact]
    public void Delete_Ipv4_MatchesIpAddrDel()
    {
        // Arrange: ip addr del 10.1.2.3/24 dev veth0
        var expected = Hex.Parse("""
            28000000 1500 0500 7b14046b 00000000   # RTM_DELADDR, REQUEST|ACK
            02 18 00 00 03000000
            0800 0200 0a010203
            0800 0100 0a010203
            """);

        // Act
        var actual = AddressRequests.Delete(3, IPAddress.Parse("10.1.2.3"), 24).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Theory]
    [InlineData("10.1.2.3", 24, "10.1.2.255")]
    [InlineData("10.1.2.3", 16, "10.1.255.255")]
    [InlineData("10.1.2.3", 0, "255.255.255.255")]
    [InlineData("192.168.7.129", 25, "192.168.7.255")]
    public void Broadcast_Prefix_SetsHostBits(string address, int prefix, string broadcast)
    {
        // Act
        var actual = AddressRequests.Broadcast(IPAddress.Parse(address), prefix);

        // Assert
        actual.Should().Be(IPAddress.Parse(broadcast));
    }

    [Fact]
    public void Add_PrefixTooLong_Throws()
    {
        // Act
        var act = () => AddressRequests.Add(3, IPAddress.Parse("10.1.2.3"), 33, replace: false);

        // Assert
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
