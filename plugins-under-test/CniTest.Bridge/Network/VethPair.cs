using System.Net.NetworkInformation;
using CniTest.Netlink;
using CniTest.Netlink.Namespaces;
using CniTest.Netlink.Rtnl;
using CniTest.PluginSdk.Errors;

namespace CniTest.Bridge.Network;

/// <summary>
/// Creates the veth pair from inside the container namespace with the host end born in the host namespace (one
/// request, as Go's SetupVeth), so the container end never exists on the host under a clashing name.
/// </summary>
internal static class VethPair
{
    private const int NameAttempts = 10;

    /// <summary>The names and container-side link after creation.</summary>
    internal sealed record Created(string HostName, Link Container);

    /// <summary>
    /// Runs inside the container namespace. EEXIST means either the container name is taken (P19: must fail) or the
    /// random host name collided (retry with another one).
    /// </summary>
    public static Created CreateInContainer(string ifName, int? mtu, PhysicalAddress? mac, NetnsHandle hostNetns)
    {
        using var rtnl = new RtnlHandle();
        for (var attempt = 1; ; attempt++)
        {
            var hostName = RandomHostName();
            try
            {
                rtnl.LinkAddVeth(ifName, hostName, hostNetns, mtu);
            }
            catch (NetlinkException e) when (e.Errno == Errno.EEXIST)
            {
                if (rtnl.LinkFindByName(ifName) is not null)
                {
                    throw new CniPluginException(CniErrorCodes.Internal, $"container veth name provided ({ifName}) already exists");
                }

                if (attempt < NameAttempts)
                {
                    continue;
                }

                throw new CniPluginException(CniErrorCodes.Internal, $"failed to make veth pair: no free host name after {NameAttempts} attempts");
            }

            var container = rtnl.LinkGetByName(ifName);
            if (mac is not null)
            {
                rtnl.LinkSetHardwareAddress(container.Index, mac);
                container = rtnl.LinkGetByIndex(container.Index);
            }

            return new Created(hostName, container);
        }
    }

    /// <summary>
    /// "veth" + 8 random hex digits, Go's pattern. Not a secret, so Random.Shared: RandomNumberGenerator would load
    /// OpenSSL, about a millisecond of every ADD.
    /// </summary>
    internal static string RandomHostName() => "veth" + Random.Shared.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
