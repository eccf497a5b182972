using System.Net;
using System.Net.Sockets;
using CniTest.Netlink.Namespaces;
using CniTest.Netlink.Rtnl;
using CniTest.Netlink.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Netlink.Tests.Integration;

/// <summary>Address and route verbs against the real kernel, inside namespaces the test creates.</summary>
public sealed class AddressRouteIntegrationTests : IDisposable
{
    private readonly TempNamespaces _namespaces = new();

    public void Dispose() => _namespaces.Dispose();

    [PrivilegedFact(RootOnly = true)]
    public void AddrAddListDel_Ipv4AndIpv6_RoundTrip()
    {
        // Arrange
        var ns = _namespaces.Create("addr");

        // Act
        var (afterAdd, v4, duplicate, afterDel) = NetnsThread.Run(ns, () =>
        {
            using var rtnl = new RtnlHandle();
            rtnl.LinkAddBridge("br0");
            var index = rtnl.LinkGetByName("br0").Index;
            rtnl.AddrAdd(index, IPAddress.Parse("10.22.0.1"), 16);
            rtnl.AddrAdd(index, IPAddress.Parse("fd22::1"), 64);
            var added = rtnl.AddrList(index);
            var v4 = rtnl.AddrList(index, AddressFamily.InterNetwork);
            var dup = Record.Exception(() => rtnl.AddrAdd(index, IPAddress.Parse("10.22.0.1"), 16));
            rtnl.AddrReplace(index, IPAddress.Parse("10.22.0.1"), 16); // replace tolerates the existing one
            rtnl.AddrDel(index, IPAddress.Parse("10.22.0.1"), 16);
            return (added, v4, dup, rtnl.AddrList(index, AddressFamily.InterNetwork));
        });

        // Assert
        afterAdd.Select(a => a.ToString()).Should().Contain(["10.22.0.1/16", "fd22::1/64"]);
        v4.Should().ContainSingle().Which.Broadcast.Should().Be(IPAddress.Parse("10.22.255.255"));
        duplicate.Should().BeOfType<NetlinkException>().Which.Errno.Should().Be(Errno.EEXIST);
        afterDel.Should().BeEmpty();
    }

    [PrivilegedFact(RootOnly = true)]
    public void RouteAddListDel_GatewayAndDefault_RoundTrip()
    {
        // Arrange
        var ns = _namespaces.Create("route");

        // Act
        var (routes, afterDel, missingDel) = NetnsThread.Run(ns, () =>
        {
            using var rtnl = new RtnlHandle();
            rtnl.LinkAddVeth("r0", "r1");
            var index = rtnl.LinkGetByName("r0").Index;
            rtnl.LinkSetUp(index);
            rtnl.LinkSetUp(rtnl.LinkGetByName("r1").Index);
            rtnl.AddrAdd(index, IPAddress.Parse("10.30.0.2"), 24);
            rtnl.RouteAdd(IPNetwork.Parse("10.31.0.0/16"), IPAddress.Parse("10.30.0.1"), index, metric: 50);
            rtnl.RouteAdd(IPNetwork.Parse("0.0.0.0/0"), IPAddress.Parse("10.30.0.1"), index);
            rtnl.RouteReplace(IPNetwork.Parse("0.0.0.0/0"), IPAddress.Parse("10.30.0.1"), index);
            var listed = rtnl.RouteList(AddressFamily.InterNetwork);
            rtnl.RouteDel(IPNetwork.Parse("10.31.0.0/16"), IPAddress.Parse("10.30.0.1"), index, metric: 50);
            var after = rtnl.RouteList(AddressFamily.InterNetwork);
            var missing = Record.Exception(() => rtnl.RouteDel(IPNetwork.Parse("10.31.0.0/16")));
            return (listed, after, missing);
        });

        // Assert
        routes.Should().Contain(r => r.Destination == IPNetwork.Parse("10.31.0.0/16") && Equals(r.Gateway, IPAddress.Parse("10.30.0.1")) && r.Metric == 50);
        routes.Should().ContainSingle(r => r.Destination.PrefixLength == 0).Which.Gateway.Should().Be(IPAddress.Parse("10.30.0.1"));
        routes.Should().Contain(r => r.Destination == IPNetwork.Parse("10.30.0.0/24") && r.Scope == Scope.Link && r.Protocol == 2);
        afterDel.Should().NotContain(r => r.Destination == IPNetwork.Parse("10.31.0.0/16"));
        missingDel.Should().BeOfType<NetlinkException>().Which.Errno.Should().Be(Errno.ESRCH);
    }

    [PrivilegedFact(RootOnly = true)]
    public void RouteAdd_UnreachableGateway_CarriesTheKernelsExtendedAck()
    {
        // Arrange
        var ns = _namespaces.Create("extack");

        // Act
        var error = NetlinkError(ns, rtnl =>
        {
            rtnl.LinkAddBridge("br0");
            var index = rtnl.LinkGetByName("br0").Index;
            rtnl.LinkSetUp(index);
            rtnl.RouteAdd(IPNetwork.Parse("10.7.0.0/16"), IPAddress.Parse("10.99.0.1"), index);
        });

        // Assert
        error.Errno.Should().Be(Errno.ENETUNREACH);
        error.ExtendedAck.Should().NotBeNullOrEmpty();
    }

    private static NetlinkException NetlinkError(string ns, Action<RtnlHandle> action) =>
        NetnsThread.Run(ns, () =>
        {
            using var rtnl = new RtnlHandle();
            try
            {
                action(rtnl);
            }
            catch (NetlinkException e)
            {
                return e;
            }

            throw new InvalidOperationException("expected a NetlinkException");
        });
}
