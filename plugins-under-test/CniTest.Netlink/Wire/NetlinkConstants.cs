namespace CniTest.Netlink.Wire;

/// <summary>Message types, flags and attribute bits of the netlink envelope (linux/netlink.h).</summary>
internal static class NetlinkConstants
{
    // Message types below NLMSG_MIN_TYPE are control messages.
    internal const ushort NLMSG_NOOP = 1;
    internal const ushort NLMSG_ERROR = 2;
    internal const ushort NLMSG_DONE = 3;
    internal const ushort NLMSG_OVERRUN = 4;

    // nlmsg_flags
    internal const ushort NLM_F_REQUEST = 0x01;
    internal const ushort NLM_F_MULTI = 0x02;
    internal const ushort NLM_F_ACK = 0x04;
    internal const ushort NLM_F_ECHO = 0x08;
    internal const ushort NLM_F_DUMP_INTR = 0x10;

    // Modifiers to GET requests
    internal const ushort NLM_F_ROOT = 0x100;
    internal const ushort NLM_F_MATCH = 0x200;
    internal const ushort NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;

    // Modifiers to NEW requests
    internal const ushort NLM_F_REPLACE = 0x100;
    internal const ushort NLM_F_EXCL = 0x200;
    internal const ushort NLM_F_CREATE = 0x400;
    internal const ushort NLM_F_APPEND = 0x800;

    // Flags on NLMSG_ERROR replies
    internal const ushort NLM_F_CAPPED = 0x100;
    internal const ushort NLM_F_ACK_TLVS = 0x200;

    // enum nlmsgerr_attrs
    internal const ushort NLMSGERR_ATTR_MSG = 1;
    internal const ushort NLMSGERR_ATTR_OFFS = 2;

    // nla_type high bits
    internal const ushort NLA_F_NESTED = 0x8000;
    internal const ushort NLA_F_NET_BYTEORDER = 0x4000;
    internal const ushort NLA_TYPE_MASK = unchecked((ushort)~(NLA_F_NESTED | NLA_F_NET_BYTEORDER));

    internal const int NLMSG_ALIGNTO = 4;
    internal const int NLA_ALIGNTO = 4;
    internal const int NLMSG_HDRLEN = 16;
    internal const int NLA_HDRLEN = 4;

    /// <summary>NLMSG_ALIGN / NLA_ALIGN: both round up to 4 bytes.</summary>
    internal static int Align(int length) => (length + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1);
}
