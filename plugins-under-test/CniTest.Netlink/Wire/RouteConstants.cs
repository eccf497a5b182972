namespace CniTest.Netlink.Wire;

/// <summary>RTM_*ROUTE message types, attributes and rtmsg field values (linux/rtnetlink.h).</summary>
internal static class RouteConstants
{
    internal const ushort RTM_NEWROUTE = 24;
    internal const ushort RTM_DELROUTE = 25;
    internal const ushort RTM_GETROUTE = 26;

    // enum rtattr_type_t
    internal const ushort RTA_DST = 1;
    internal const ushort RTA_SRC = 2;
    internal const ushort RTA_IIF = 3;
    internal const ushort RTA_OIF = 4;
    internal const ushort RTA_GATEWAY = 5;
    internal const ushort RTA_PRIORITY = 6;
    internal const ushort RTA_PREFSRC = 7;
    internal const ushort RTA_TABLE = 15;

    // enum rt_class_t: tables above 255 only fit in RTA_TABLE, with rtm_table = RT_TABLE_UNSPEC.
    internal const byte RT_TABLE_UNSPEC = 0;
    internal const byte RT_TABLE_MAIN = 254;
    internal const byte RT_TABLE_LOCAL = 255;

    // rtm_protocol: iproute2 marks routes it adds as RTPROT_BOOT; we do the same so they look alike.
    internal const byte RTPROT_UNSPEC = 0;
    internal const byte RTPROT_KERNEL = 2;
    internal const byte RTPROT_BOOT = 3;

    // enum rt_scope_t
    internal const byte RT_SCOPE_UNIVERSE = 0;
    internal const byte RT_SCOPE_LINK = 253;
    internal const byte RT_SCOPE_HOST = 254;
    internal const byte RT_SCOPE_NOWHERE = 255;

    // rtm_type
    internal const byte RTN_UNSPEC = 0;
    internal const byte RTN_UNICAST = 1;
}
