using System.Net;
using System.Net.Sockets;

namespace CniTest.Netlink.Rtnl;

public sealed partial class RtnlHandle
{
    /// <summary>
    /// Adds a route through link <paramref name="index"/>. Without <paramref name="scope"/>: universe with a
    /// gateway, link without one (iproute2's rule). Fails with Errno EEXIST if the same route exists.
    /// <para>Equivalent to: <c>ip route add DST [via GW] dev DEV [scope S] [table T] [metric M]</c>.</para>
    /// </summary>
    /// <param name="destination">The destination prefix; <c>0.0.0.0/0</c> or <c>::/0</c> for a default route.</param>
    /// <param name="gateway">Next hop, or null for a directly connected route.</param>
    /// <param name="index">Output link.</param>
    /// <param name="scope">Route scope.</param>
    /// <param name="table">Routing table; null: main (254).</param>
    /// <param name="metric">RTA_PRIORITY; null: the kernel default (0 for IPv4, 1024 for IPv6).</param>
    public void RouteAdd(IPNetwork destination, IPAddress? gateway, int index, Scope? scope = null, uint? table = null, uint? metric = null) =>
        ExecuteOnLink(RouteRequests.Add(destination, gateway, index, scope, table, metric, replace: false), $"RTM_NEWROUTE {destination}", $"#{index}");

    /// <summary>
    /// Adds or replaces a route (same parameters as <see cref="RouteAdd"/>).
    /// <para>Equivalent to: <c>ip route replace DST [via GW] dev DEV [scope S] [table T] [metric M]</c>.</para>
    /// </summary>
    public void RouteReplace(IPNetwork destination, IPAddress? gateway, int index, Scope? scope = null, uint? table = null, uint? metric = null) =>
        ExecuteOnLink(RouteRequests.Add(destination, gateway, index, scope, table, metric, replace: true), $"RTM_NEWROUTE replace {destination}", $"#{index}");

    /// <summary>
    /// Deletes the first route matching what is given; <paramref name="index"/> 0 matches any link.
    /// <para>Equivalent to: <c>ip route del DST [via GW] [dev DEV] [table T] [metric M]</c>.</para>
    /// </summary>
    /// <exception cref="NetlinkException">Errno ESRCH when no route matches.</exception>
    public void RouteDel(IPNetwork destination, IPAddress? gateway = null, int index = 0, uint? table = null, uint? metric = null) =>
        Execute(RouteRequests.Delete(destination, gateway, index, table, metric), $"RTM_DELROUTE {destination}");

    /// <summary>
    /// Routes of one table (main by default; null: every table), optionally of one family. Kernel cache clones are left out.
    /// <para>Equivalent to: <c>ip [-4|-6] route show [table T|all]</c>.</para>
    /// </summary>
    public IReadOnlyList<Route> RouteList(AddressFamily? family = null, uint? table = Route.MainTable)
    {
        var kernelFamily = AddressFamilies.ToKernel(family ?? AddressFamily.Unspecified);
        return Dump(() => RouteRequests.Dump(kernelFamily), "RTM_GETROUTE dump", message =>
            RouteParser.Parse(message) is { } r && (table is null || r.Table == table) && (family is null || r.Family == family) ? r : null);
    }
}
