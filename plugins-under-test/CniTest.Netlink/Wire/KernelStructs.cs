using System.Runtime.InteropServices;

namespace CniTest.Netlink.Wire;

// Fixed headers copied byte-for-byte onto the wire, in host byte order, as declared in the kernel UAPI headers.
// Field names keep the kernel spelling so they can be grepped against the headers; StructSizeTests pins the sizes.
#pragma warning disable IDE1006, CS8981 // kernel names, all lower case on purpose

/// <summary><c>struct nlmsghdr</c> (linux/netlink.h), 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct nlmsghdr
{
    internal uint nlmsg_len;
    internal ushort nlmsg_type;
    internal ushort nlmsg_flags;
    internal uint nlmsg_seq;
    internal uint nlmsg_pid;
}

/// <summary><c>struct nlmsgerr</c> (linux/netlink.h), 20 bytes: a negative errno (0 = ACK) and the request header.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct nlmsgerr
{
    internal int error;
    internal nlmsghdr msg;
}

/// <summary><c>struct ifinfomsg</c> (linux/rtnetlink.h), 16 bytes: family header of RTM_*LINK.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifinfomsg
{
    internal byte ifi_family;
    internal byte __ifi_pad;
    internal ushort ifi_type;
    internal int ifi_index;
    internal uint ifi_flags;
    internal uint ifi_change;
}

/// <summary><c>struct ifaddrmsg</c> (linux/if_addr.h), 8 bytes: family header of RTM_*ADDR.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifaddrmsg
{
    internal byte ifa_family;
    internal byte ifa_prefixlen;
    internal byte ifa_flags;
    internal byte ifa_scope;
    internal uint ifa_index;
}

/// <summary><c>struct rtmsg</c> (linux/rtnetlink.h), 12 bytes: family header of RTM_*ROUTE.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct rtmsg
{
    internal byte rtm_family;
    internal byte rtm_dst_len;
    internal byte rtm_src_len;
    internal byte rtm_tos;
    internal byte rtm_table;
    internal byte rtm_protocol;
    internal byte rtm_scope;
    internal byte rtm_type;
    internal uint rtm_flags;
}

/// <summary><c>struct nlattr</c> / <c>struct rtattr</c>, 4 bytes: length (header + payload, no padding) and type.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct nlattr
{
    internal ushort nla_len;
    internal ushort nla_type;
}
#pragma warning restore IDE1006, CS8981
