using CniTest.Netlink.Rtnl;
using CniTest.Netlink.Tests.Support;
using FluentAssertions;
using Xunit;
using static CniTest.Netlink.Tests.Rtnl.IpRouteCapture;

namespace CniTest.Netlink.Tests.Rtnl;

/// <summary>RTM_NEWLINK create requests against iproute2's bytes for the same command (STYLE example 11).</summary>
public sealed class LinkRequestsAddTests
{
    [Fact]
    public void AddVeth_NamesOnly_MatchesIpLinkAddTypeVeth()
    {
        // Arrange: ip link add veth0 type veth peer name veth1
        var expected = Hex.Parse("""
            5c000000 1000 0506 7b14046b 00000000   # nlmsghdr: 92 bytes, RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE
            00 00 0000 00000000 00000000 00000000  # ifinfomsg
            0a00 0300 7665746830 000000            # IFLA_IFNAME "veth0\0"
            3000 1200                              # IFLA_LINKINFO
              0800 0100 76657468                   #   IFLA_INFO_KIND "veth" (no NUL, as iproute2)
              2400 0200                            #   IFLA_INFO_DATA
                2000 0100                          #     VETH_INFO_PEER
                  00000000 00000000 00000000 00000000  # ifinfomsg of the peer
                  0a00 0300 7665746831 000000      #     IFLA_IFNAME "veth1\0"
            """);

        // Act
        var actual = LinkRequests.AddVeth("veth0", "veth1", peerNetnsFd: null, mtu: null).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void AddVeth_WithMtu_PutsMtuOnBothEndsBeforeTheName()
    {
        // Arrange: ip link add veth2 mtu 1400 type veth peer name veth3 mtu 1400
        var expected = Hex.Parse("""
            6c000000 1000 0506 7b14046b 00000000
            00000000 00000000 00000000 00000000
            0800 0400 78050000                     # IFLA_MTU 1400
            0a00 0300 7665746832 000000
            3800 1200
              0800 0100 76657468
              2c00 0200
                2800 0100
                  00000000 00000000 00000000 00000000
                  0800 0400 78050000
                  0a00 0300 7665746833 000000
            """);

        // Act
        var actual = LinkRequests.AddVeth("veth2", "veth3", peerNetnsFd: null, mtu: 1400).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void AddVeth_PeerInOtherNetns_SendsNetNsFdInsideThePeer()
    {
        // Arrange: ip link add vethA mtu 1400 type veth peer name vethB mtu 1400 netns NS (NS opened as fd 4)
        var expected = Hex.Parse("""
            74000000 1000 0506 8d14046b 00000000
            00000000 00000000 00000000 00000000
            0800 0400 78050000
            0a00 0300 7665746841 000000
            4000 1200
              0800 0100 76657468
              3400 0200
                3000 0100
                  00000000 00000000 00000000 00000000
                  0800 0400 78050000
                  0800 1c00 04000000               # IFLA_NET_NS_FD 4
                  0a00 0300 7665746842 000000
            """);

        // Act
        var actual = LinkRequests.AddVeth("vethA", "vethB", peerNetnsFd: 4, mtu: 1400).Finish(NetnsSequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void AddBridge_NameOnly_MatchesIpLinkAddTypeBridge()
    {
        // Arrange: ip link add br0 type bridge
        var expected = Hex.Parse("""
            38000000 1000 0506 7b14046b 00000000
            00000000 00000000 00000000 00000000
            0800 0300 62723000                     # IFLA_IFNAME "br0\0"
            1000 1200
              0a00 0100 627269646765 0000          # IFLA_INFO_KIND "bridge"
            """);

        // Act
        var actual = LinkRequests.AddBridge("br0", mtu: null, vlanFiltering: null).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void AddBridge_MtuAndVlanFiltering_NestsIflaBrVlanFilteringInInfoData()
    {
        // Arrange: ip link add br1 mtu 1400 type bridge vlan_filtering 1
        var expected = Hex.Parse("""
            4c000000 1000 0506 7b14046b 00000000
            00000000 00000000 00000000 00000000
            0800 0400 78050000
            0800 0300 62723100
            1c00 1200
              0a00 0100 627269646765 0000
              0c00 0200                            # IFLA_INFO_DATA
                0500 0700 01 000000                #   IFLA_BR_VLAN_FILTERING 1 (u8, padded)
            """);

        // Act
        var actual = LinkRequests.AddBridge("br1", mtu: 1400, vlanFiltering: true).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void AddMacvlan_BridgeMode_MatchesIpLinkAddTypeMacvlan()
    {
        // Arrange: ip link add mv0 link veth1 type macvlan mode bridge (veth1 is ifindex 2)
        var expected = Hex.Parse("""
            4c000000 1000 0506 7b14046b 00000000
            00000000 00000000 00000000 00000000
            0800 0500 02000000                     # IFLA_LINK 2
            0800 0300 6d763000
            1c00 1200
              0b00 0100 6d6163766c616e 00          # "macvlan"
              0c00 0200
                0800 0100 04000000                 # IFLA_MACVLAN_MODE bridge
            """);

        // Act
        var actual = LinkRequests.AddMacvlan("mv0", 2, MacvlanMode.Bridge).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Delete_ByIndex_MatchesIpLinkDel()
    {
        // Arrange: ip link del veth2 (ifindex 5)
        var expected = Hex.Parse("""
            20000000 1100 0500 7b14046b 00000000   # RTM_DELLINK, REQUEST|ACK
            00000000 05000000 00000000 00000000
            """);

        // Act
        var actual = LinkRequests.Delete(5).Finish(Sequence);

        // Assert
        actual.ToArray().Should().Equal(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sixteen-bytes-xx")]
    [InlineData("a/b")]
    [InlineData("a b")]
    public void AddVeth_InvalidName_ThrowsBeforeSending(string name)
    {
        // Act
        var act = () => LinkRequests.AddVeth(name, "peer0", null, null);

        // Assert
        act.Should().Throw<ArgumentException>();
    }
}
