namespace CniTest.Netlink.Rtnl;

/// <summary>IF_OPER_* (linux/if.h, RFC 2863 ifOperStatus).</summary>
public enum LinkOperState : byte
{
    /// <summary>IF_OPER_UNKNOWN: the driver does not report it (lo, a bridge with no ports up).</summary>
    Unknown = 0,

    /// <summary>IF_OPER_NOTPRESENT.</summary>
    NotPresent = 1,

    /// <summary>IF_OPER_DOWN.</summary>
    Down = 2,

    /// <summary>IF_OPER_LOWERLAYERDOWN: e.g. a veth whose peer is down.</summary>
    LowerLayerDown = 3,

    /// <summary>IF_OPER_TESTING.</summary>
    Testing = 4,

    /// <summary>IF_OPER_DORMANT.</summary>
    Dormant = 5,

    /// <summary>IF_OPER_UP.</summary>
    Up = 6,
}
