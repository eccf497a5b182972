using System.Net.NetworkInformation;
using CniTest.Netlink.Rtnl;
using CniTest.Netlink.Tests.Support;
using FluentAssertions;
using Xunit;
using static CniTest.Netlink.Tests.Rtnl.IpRouteCapture;
using static CniTest.Netlink.Wire.LinkConstants;

namespace CniTest.Netlink.Tests.Rtnl;

/// <summary>RTM_NEWLINK/RTM_SETLINK change requests against iproute2's bytes (veth0 is ifindex 3, br0 6).</summary>
public sealed class LinkRequestsSetTests
{
    [Theory]
    [InlineData(true, "01000000")]
    [InlineData(false, "00000000")]
    public void SetFlags_Up_MatchesIpLinkSetUpDown(bool up, string flags)
    {
        // Arrange: ip link set dev veth0 up|down: ifi_change says which bits ifi_flags sets
        var expected = Hex.Parse($"""
            20000000 1000 0500 7b14046b 00000000
            00 00 0000 03000000 {flags} 01000000
            """);

        // Act
        var actual = LinkRequests.SetFlags(3, IFF_UP, up).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void SetFlags_PromiscOn_MatchesIpLinkSetPromisc()
    {
        // Arrange: ip link set dev veth0 promisc on
        var expected = Hex.Parse("""
            20000000 1000 0500 7b14046b 00000000
            00000000 03000000 00010000 00010000
            """);

        // Act
        var actual = LinkRequests.SetFlags(3, IFF_PROMISC, on: true).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Theory]
    [InlineData(IFLA_MASTER, 6u, "0800 0a00 06000000")] // ip link set dev veth0 master br0
    [InlineData(IFLA_MASTER, 0u, "0800 0a00 00000000")] // ip link set dev veth0 nomaster
    [InlineData(IFLA_MTU, 1400u, "0800 0400 78050000")] // ip link set dev veth0 mtu 1400
    public void SetUInt32_OneAttribute_MatchesIpLinkSet(ushort attribute, uint value, string attributeHex)
    {
        // Arrange
        var expected = Hex.Parse($"""
            28000000 1000 0500 7b14046b 00000000
            00000000 03000000 00000000 00000000
            {attributeHex}
            """);

        // Act
        var actual = LinkRequests.SetUInt32(3, attribute, value).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void SetUInt32_NetNsFd_MatchesIpLinkSetNetns()
    {
        // Arrange: ip link set vethA netns NS (vethA is ifindex 2 there, NS opened as fd 4)
        var expected = Hex.Parse("""
            28000000 1000 0500 8d14046b 00000000
            00000000 02000000 00000000 00000000
            0800 1c00 04000000
            """);

        // Act
        var actual = LinkRequests.SetUInt32(2, IFLA_NET_NS_FD, 4).Finish(NetnsSequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void SetName_NewName_MatchesIpLinkSetName()
    {
        // Arrange: ip link set dev veth3 name foo (veth3 is ifindex 4)
        var expected = Hex.Parse("""
            28000000 1000 0500 7b14046b 00000000
            00000000 04000000 00000000 00000000
            0800 0300 666f6f00
            """);

        // Act
        var actual = LinkRequests.SetName(4, "foo").Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void SetAlias_Text_MatchesIpLinkSetAliasWithoutNul()
    {
        // Arrange: ip link set dev veth0 alias "cnitest x/eth0"
        var expected = Hex.Parse("""
            34000000 1000 0500 d616046b 00000000
            00000000 03000000 00000000 00000000
            1200 1400 636e697465737420782f65746830 0000  # IFLA_IFALIAS, 14 bytes, no NUL
            """);

        // Act
        var actual = LinkRequests.SetAlias(3, "cnitest x/eth0").Finish(0x6b0416d6);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void SetMasterAliasUp_All_MatchesIpLinkSetMasterAliasUp()
    {
        // Arrange: ip link set dev veth0 master br0 alias x up (strace of iproute2 6.1: one RTM_NEWLINK)
        var expected = Hex.Parse("""
            30000000 1000 0500 7b14046b 00000000
            00000000 03000000 01000000 01000000  # IFF_UP in ifi_flags and ifi_change
            0800 0a00 06000000                   # IFLA_MASTER br0
            0500 1400 78 000000                  # IFLA_IFALIAS "x", no NUL
            """);

        // Act
        var actual = LinkRequests.SetMasterAliasUp(3, 6, "x").Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void SetMasterAlias_LeavesFlags_MatchesIpLinkSetMasterAlias()
    {
        // Arrange: ip link set dev veth0 master br0 alias x (strace of iproute2 6.1; ifi_flags and ifi_change 0, so
        // the link stays down and the alias sends no NETDEV_CHANGE, issue 14)
        var expected = Hex.Parse("""
            30000000 1000 0500 7b14046b 00000000
            00000000 03000000 00000000 00000000
            0800 0a00 06000000                   # IFLA_MASTER br0
            0500 1400 78 000000                  # IFLA_IFALIAS "x", no NUL
            """);

        // Act
        var actual = LinkRequests.SetMasterAlias(3, 6, "x").Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void SetMasterAliasUp_NoAlias_MatchesIpLinkSetMasterUp()
    {
        // Arrange: ip link set dev veth0 master br0 up
        var expected = Hex.Parse("""
            28000000 1000 0500 7b14046b 00000000
            00000000 03000000 01000000 01000000
            0800 0a00 06000000
            """);

        // Act
        var actual = LinkRequests.SetMasterAliasUp(3, 6, alias: null).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void SetHardwareAddress_Mac_MatchesIpLinkSetAddress()
    {
        // Arrange: ip link set dev veth0 address 02:42:ac:11:00:02
        var expected = Hex.Parse("""
            2c000000 1000 0500 7c14046b 00000000
            00000000 03000000 00000000 00000000
            0a00 0100 0242ac110002 0000
            """);

        // Act
        var actual = LinkRequests.SetHardwareAddress(3, PhysicalAddress.Parse("02-42-AC-11-00-02")).Finish(NextSequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void SetBridgePortHairpin_On_MatchesBridgeLinkSetHairpin()
    {
        // Arrange: bridge link set dev veth0 hairpin on
        var expected = Hex.Parse("""
            2c000000 1300 0500 7c14046b 00000000   # RTM_SETLINK
            07 00 0000 03000000 00000000 00000000  # ifi_family AF_BRIDGE
            0c00 0c80                              # IFLA_PROTINFO | NLA_F_NESTED
              0500 0400 01 000000                  #   IFLA_BRPORT_MODE 1
            """);

        // Act
        var actual = LinkRequests.SetBridgePortHairpin(3, on: true).Finish(NextSequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void GetByName_Name_MatchesIpLinkShowDevExceptForTheAckFlag()
    {
        // Arrange: ip link show dev veth0 sends flags 0x0001; we also set NLM_F_ACK (0x0004) so the end of the
        // reply is an explicit ACK rather than "the first message".
        var expected = Hex.Parse("""
            34000000 1200 0500 7b14046b 00000000
            00000000 00000000 00000000 00000000
            0800 1d00 09000000                     # IFLA_EXT_MASK RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS
            0a00 0300 7665746830 000000
            """);

        // Act
        var actual = LinkRequests.GetByName("veth0").Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Dump_AllLinks_AsksForADumpWithoutStatistics()
    {
        // Arrange: derived from rtnetlink.h, since "ip link show" also asks for statistics
        var expected = Hex.Parse("""
            28000000 1200 0103 01000000 00000000   # 40 bytes, RTM_GETLINK, REQUEST|DUMP (ROOT|MATCH)
            00000000 00000000 00000000 00000000
            0800 1d00 08000000                     # IFLA_EXT_MASK RTEXT_FILTER_SKIP_STATS
            """);

        // Act
        var actual = LinkRequests.Dump().Finish(1);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }
}
