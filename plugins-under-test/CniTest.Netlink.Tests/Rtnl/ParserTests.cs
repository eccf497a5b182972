using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using CniTest.Netlink.Rtnl;
using CniTest.Netlink.Tests.Support;
using CniTest.Netlink.Wire;
using FluentAssertions;
using Xunit;

namespace CniTest.Netlink.Tests.Rtnl;

/// <summary>The RTM_NEW* parsers on real kernel replies (TestData/README.md says how each was made).</summary>
public sealed class ParserTests
{
    [Fact]
    public void LinkParser_VethEnslavedToBridge_ReadsKindMasterPeerAndHairpin()
    {
        // Arrange
        var datagram = Hex.Load("rtm_newlink_veth_bridge_port.hex");

        // Act
        var links = ParseAll(datagram, LinkParser.Parse);

        // Assert
        links.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Index = 4,
            Name = "veth0",
            Kind = "veth",
            MasterIndex = (int?)2,
            Mtu = 1500,
            HardwareAddress = PhysicalAddress.Parse("66-04-B0-0F-85-2E"),
            IsUp = true,
            OperState = LinkOperState.Up,
            ParentIndex = (int?)3,
            PeerIndex = (int?)3,
            SlaveKind = "bridge",
            BridgePortHairpin = (bool?)true,
        });
    }

    [Fact]
    public void AddressParser_Ipv4WithBroadcast_ReadsAddressPrefixLabelAndFlags()
    {
        // Arrange
        var datagram = Hex.Load("rtm_newaddr_ipv4.hex");

        // Act
        var addresses = ParseAll(datagram, AddressParser.Parse);

        // Assert
        var address = addresses.Should().ContainSingle().Which!;
        address.LinkIndex.Should().Be(2);
        address.IP.Should().Be(IPAddress.Parse("10.1.2.3"));
        address.PrefixLength.Should().Be(24);
        address.Broadcast.Should().Be(IPAddress.Parse("10.1.2.255"));
        address.Label.Should().Be("br0");
        address.Scope.Should().Be(Scope.Universe);
        address.Flags.Should().Be(AddressConstants.IFA_F_PERMANENT);
        address.ToString().Should().Be("10.1.2.3/24");
    }

    [Fact]
    public void RouteParser_KernelAndGatewayRoutes_ReadsEveryField()
    {
        // Arrange
        var datagram = Hex.Load("rtm_newroute_dump_part.hex");

        // Act
        var routes = ParseAll(datagram, RouteParser.Parse);

        // Assert
        routes.Should().HaveCount(2);
        routes[0].Should().BeEquivalentTo(new Route
        {
            Family = AddressFamily.InterNetwork,
            Destination = IPNetwork.Parse("10.1.2.0/24"),
            OutputIndex = 2,
            Table = Route.MainTable,
            Scope = Scope.Link,
            Protocol = RouteConstants.RTPROT_KERNEL,
            PreferredSource = IPAddress.Parse("10.1.2.3"),
            Type = RouteConstants.RTN_UNICAST,
        });
        routes[1].Should().BeEquivalentTo(new Route
        {
            Family = AddressFamily.InterNetwork,
            Destination = IPNetwork.Parse("10.9.0.0/16"),
            Gateway = IPAddress.Parse("10.1.2.4"),
            OutputIndex = 2,
            Table = Route.MainTable,
            Scope = Scope.Universe,
            Protocol = RouteConstants.RTPROT_BOOT,
            Metric = 100,
            Type = RouteConstants.RTN_UNICAST,
        });
    }

    [Fact]
    public void LinkParser_WrongMessageType_ThrowsProtocolException()
    {
        // Arrange: an RTM_NEWADDR given to the link parser
        var datagram = Hex.Load("rtm_newaddr_ipv4.hex");

        // Act
        var act = () => ParseAll(datagram, LinkParser.Parse);

        // Assert
        act.Should().Throw<NetlinkProtocolException>();
    }

    private static List<T> ParseAll<T>(byte[] datagram, Func<NetlinkMessage, T?> parse)
        where T : class
    {
        var results = new List<T>();
        foreach (var message in new NetlinkMessageReader(datagram))
        {
            if (parse(message) is { } item)
            {
                results.Add(item);
            }
        }

        return results;
    }
}
