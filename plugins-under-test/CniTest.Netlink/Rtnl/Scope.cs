namespace CniTest.Netlink.Rtnl;

/// <summary>enum rt_scope_t (linux/rtnetlink.h), shared by routes and addresses; iproute2 names in parentheses.</summary>
public enum Scope : byte
{
    /// <summary>RT_SCOPE_UNIVERSE ("global").</summary>
    Universe = 0,

    /// <summary>RT_SCOPE_SITE ("site").</summary>
    Site = 200,

    /// <summary>RT_SCOPE_LINK ("link"): directly attached, no gateway.</summary>
    Link = 253,

    /// <summary>RT_SCOPE_HOST ("host"): local to this host.</summary>
    Host = 254,

    /// <summary>RT_SCOPE_NOWHERE: "any scope", used in delete requests.</summary>
    Nowhere = 255,
}
