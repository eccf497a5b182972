namespace CniTest.Netlink.Rtnl;

/// <summary>MACVLAN_MODE_* (linux/if_link.h).</summary>
public enum MacvlanMode : uint
{
    /// <summary>Do not talk to other macvlans.</summary>
    Private = 1,

    /// <summary>Talk to other ports through the external bridge.</summary>
    Vepa = 2,

    /// <summary>Talk to bridge ports directly (the CNI macvlan plugin's default).</summary>
    Bridge = 4,

    /// <summary>Take over the underlying device.</summary>
    Passthru = 8,

    /// <summary>Use a source MAC address list to assign.</summary>
    Source = 16,
}
