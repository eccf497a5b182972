using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Sandbox;

/// <summary>The IPv6 settings every fake host and sandbox gets when it is created (issue 10, dual stack).</summary>
internal static class Ipv6Sysctls
{
    private static readonly string[] DadKeys = ["all/accept_dad", "default/accept_dad"];

    /// <summary>
    /// Turns IPv6 duplicate address detection off in a new namespace, before any link exists in it. With DAD on, an
    /// IPv6 address stays tentative for one to two seconds (a random delay up to <c>rtr_solicit_delay</c>, then
    /// <c>dad_transmits</c> × <c>retrans_time_ms</c>): unusable as a source or a destination, and the Go plugins'
    /// <c>ipam.ConfigureIface</c> (ptp, macvlan, …) waits for it whenever the result has an IPv6 gateway
    /// (<c>ip.SettleAddresses</c>), so every ADD would cost a second or two. Debian's bridge turns DAD off on the
    /// container interface itself (<c>accept_dad=0</c> unless <c>enabledad</c>), but not on its bridge, whose
    /// gateway address would stay tentative for the first pod's traffic. Every address in a fake host is private
    /// and handed out once, so DAD protects nothing here.
    /// A new namespace starts from the kernel's IPv6 defaults, not the machine's; a link created in or moved into it
    /// copies <c>default</c>, and the kernel uses the larger of <c>all</c> and the link's own value, so both are set.
    /// Nothing happens on a kernel without IPv6.
    /// </summary>
    public static void DisableDad(NetworkNamespace netns) => DisableDad(netns.Path);

    /// <inheritdoc cref="DisableDad(NetworkNamespace)"/>
    public static void DisableDad(string netnsPath)
    {
        if (!Model.IpFamilies.KernelSupportsIpv6)
        {
            return;
        }

        NetSysctl.Write(netnsPath, DadKeys.Select(key => ($"ipv6/conf/{key}", "0")));
    }
}
