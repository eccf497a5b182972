using CniTest.Bridge.Config;
using CniTest.PluginSdk.Results;

namespace CniTest.Bridge.Network;

/// <summary>
/// What the gateway options make of an IPAM result (Go bridge calcGateways): every address is put on the
/// container interface, a missing gateway becomes the subnet's first address when <c>isGateway</c>, a default
/// route per family is added when <c>isDefaultGateway</c> and the IPAM result has none with a gateway, and the
/// bridge gets each gateway with its subnet's prefix. Pure, so it is unit-tested without a kernel.
/// </summary>
internal sealed record GatewayPlan(CniResult Result, IReadOnlyList<IpCidr> BridgeAddresses)
{
    /// <summary>Index of the container interface in the result: bridge 0, host veth 1, container 2 (as Go).</summary>
    public const int ContainerInterfaceIndex = 2;

    public static GatewayPlan From(CniResult ipamResult, BridgeConfig config)
    {
        var ips = new List<CniIpConfig>();
        var routes = new List<CniRoute>(ipamResult.Routes);
        var bridgeAddresses = new List<IpCidr>();
        var defaultRouteFound = new HashSet<bool>(); // keyed by "is IPv4"
        foreach (var ip in ipamResult.Ips)
        {
            var address = IpMath.Normalize(ip.Address);
            var isV4 = IpMath.IsV4(address.Address);
            var gateway = ip.Gateway is null ? null : IpMath.Normalize(ip.Gateway);
            if (gateway is null && config.IsGateway)
            {
                gateway = IpMath.Next(IpMath.Network(address.Address, address.PrefixLength));
            }

            if (config.IsDefaultGateway && !defaultRouteFound.Contains(isV4))
            {
                var defaultRoute = IpMath.DefaultRoute(address.Address);
                if (!routes.Any(r => r.Gw is not null && r.Dst.PrefixLength == 0 && IpMath.IsV4(r.Dst.Address) == isV4))
                {
                    routes.Add(new CniRoute(defaultRoute) { Gw = gateway });
                }

                defaultRouteFound.Add(isV4);
            }

            if (config.IsGateway && gateway is not null)
            {
                var bridgeAddress = new IpCidr(gateway, address.PrefixLength);
                if (!bridgeAddresses.Contains(bridgeAddress))
                {
                    bridgeAddresses.Add(bridgeAddress);
                }
            }

            ips.Add(ip with { Address = address, Gateway = gateway, Interface = ContainerInterfaceIndex });
        }

        return new GatewayPlan(ipamResult with { Ips = ips, Routes = routes }, bridgeAddresses);
    }
}
