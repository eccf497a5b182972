namespace CniTest.Netlink.Wire;

/// <summary>RTM_*ADDR message types and attributes (linux/rtnetlink.h, linux/if_addr.h), address families (socket.h).</summary>
internal static class AddressConstants
{
    internal const ushort RTM_NEWADDR = 20;
    internal const ushort RTM_DELADDR = 21;
    internal const ushort RTM_GETADDR = 22;

    // enum { IFA_* }
    internal const ushort IFA_ADDRESS = 1;
    internal const ushort IFA_LOCAL = 2;
    internal const ushort IFA_LABEL = 3;
    internal const ushort IFA_BROADCAST = 4;
    internal const ushort IFA_CACHEINFO = 6;
    internal const ushort IFA_FLAGS = 8;

    // ifa_flags
    internal const uint IFA_F_NODAD = 0x02;
    internal const uint IFA_F_TENTATIVE = 0x40;
    internal const uint IFA_F_PERMANENT = 0x80;

    // <bits/socket.h>: AF_INET6 is 10 on Linux, unlike .NET's AddressFamily.InterNetworkV6 (23).
    internal const byte AF_UNSPEC = 0;
    internal const byte AF_INET = 2;
    internal const byte AF_BRIDGE = 7;
    internal const byte AF_INET6 = 10;
}
