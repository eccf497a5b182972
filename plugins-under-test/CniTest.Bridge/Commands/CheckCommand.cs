using CniTest.Bridge.Config;
using CniTest.Bridge.Ipam;
using CniTest.Bridge.Network;
using CniTest.PluginSdk.Hosting;
using CniTest.Netlink.Namespaces;
using CniTest.Netlink.Rtnl;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Results;

namespace CniTest.Bridge.Commands;

/// <summary>
/// CHECK (P32-P34): IPAM CHECK first, then every interface, address and route that <c>prevResult</c> says ADD made
/// must still be there: the bridge, the host veth enslaved to it, and the container veth (its peer being that host
/// veth) with its addresses and routes. Anything missing or different is an error naming it.
/// </summary>
internal static class CheckCommand
{
    public static void Run(CmdArgs args, BridgeConfig config, IIpam? ipam)
    {
        if (config.PrevResult is null)
        {
            throw Fail("Required prevResult missing");
        }

        ipam?.Check(args);
        var previous = ResultReader.Read(config.PrevResult, args.CniVersion);
        var containerIndex = FindContainerInterface(previous, args);
        var expected = previous.Interfaces[containerIndex];

        using var rtnl = new RtnlHandle();
        var bridge = rtnl.LinkFindByName(config.BridgeName) ?? throw Fail($"bridge \"{config.BridgeName}\" not found");
        if (bridge.Kind != "bridge")
        {
            throw Fail($"\"{config.BridgeName}\" is not a bridge");
        }

        if (config.PromiscMode && !bridge.IsPromiscuous)
        {
            throw Fail($"bridge \"{config.BridgeName}\" is not in promiscuous mode");
        }

        var hostVeth = CheckHostVeth(rtnl, previous, config, bridge);
        NetnsThread.Run(args.Netns, () => CheckContainer(args.IfName, expected, containerIndex, previous, hostVeth));
    }

    private static int FindContainerInterface(CniResult previous, CmdArgs args)
    {
        for (var i = 0; i < previous.Interfaces.Count; i++)
        {
            if (previous.Interfaces[i].Name == args.IfName && previous.Interfaces[i].Sandbox == args.Netns)
            {
                return i;
            }
        }

        throw Fail($"prevResult has no interface \"{args.IfName}\" in sandbox \"{args.Netns}\"");
    }

    private static Link? CheckHostVeth(RtnlHandle rtnl, CniResult previous, BridgeConfig config, Link bridge)
    {
        var expected = previous.Interfaces.FirstOrDefault(i => string.IsNullOrEmpty(i.Sandbox) && i.Name != config.BridgeName);
        if (expected is null)
        {
            return null;
        }

        var link = rtnl.LinkFindByName(expected.Name) ?? throw Fail($"host veth \"{expected.Name}\" not found");
        if (link.Kind != "veth")
        {
            throw Fail($"host interface \"{expected.Name}\" is not a veth");
        }

        if (link.MasterIndex != bridge.Index)
        {
            throw Fail($"host veth \"{expected.Name}\" is not attached to bridge \"{config.BridgeName}\"");
        }

        if (config.HairpinMode && link.BridgePortHairpin != true)
        {
            throw Fail($"host veth \"{expected.Name}\" does not have hairpin mode on");
        }

        CheckMac(expected, link);
        return link;
    }

    private static void CheckContainer(string ifName, CniInterface expected, int containerIndex, CniResult previous, Link? hostVeth)
    {
        using var rtnl = new RtnlHandle();
        var link = rtnl.LinkFindByName(ifName) ?? throw Fail($"container interface \"{ifName}\" not found");
        if (link.Kind != "veth")
        {
            throw Fail($"container interface \"{ifName}\" is not a veth");
        }

        CheckMac(expected, link);
        if (hostVeth is not null && link.PeerIndex != hostVeth.Index)
        {
            throw Fail($"container interface \"{ifName}\" is not the peer of host veth \"{hostVeth.Name}\"");
        }

        var addresses = rtnl.AddrList(link.Index);
        foreach (var ip in previous.Ips.Where(ip => ip.Interface == containerIndex))
        {
            var want = IpMath.Normalize(ip.Address);
            if (!addresses.Any(a => a.IP.Equals(want.Address) && a.PrefixLength == want.PrefixLength))
            {
                throw Fail($"container interface \"{ifName}\" does not have address {want}");
            }
        }

        var routes = rtnl.RouteList(table: null);
        foreach (var route in previous.Routes)
        {
            var dst = IpMath.Normalize(route.Dst);
            var network = IpMath.Network(dst.Address, dst.PrefixLength);
            var found = routes.Any(r =>
                r.Destination.BaseAddress.Equals(network)
                && r.Destination.PrefixLength == dst.PrefixLength
                && (route.Gw is null || (r.Gateway is not null && r.Gateway.Equals(IpMath.Normalize(route.Gw)))));
            if (!found)
            {
                throw Fail($"route {dst}{(route.Gw is null ? "" : $" via {route.Gw}")} not found in the container");
            }
        }
    }

    private static void CheckMac(CniInterface expected, Link link)
    {
        if (string.IsNullOrEmpty(expected.Mac) || link.HardwareAddress is null)
        {
            return;
        }

        var actual = string.Join(':', link.HardwareAddress.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        if (!string.Equals(actual, expected.Mac, StringComparison.OrdinalIgnoreCase))
        {
            throw Fail($"interface \"{link.Name}\" has MAC {actual}, prevResult says {expected.Mac}");
        }
    }

    private static CniPluginException Fail(string message) => new(CniErrorCodes.Internal, message);
}
