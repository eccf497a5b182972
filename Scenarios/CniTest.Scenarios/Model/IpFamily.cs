namespace CniTest.Scenarios.Model;

/// <summary>The address families the built-in configs hand out (<c>cnitest run --ip-family</c>, issue 10).</summary>
public enum IpFamily
{
    /// <summary>An IPv4 range only.</summary>
    Ipv4,
    /// <summary>An IPv6 range only.</summary>
    Ipv6,
    /// <summary>An IPv4 and an IPv6 range: every attachment gets one address of each.</summary>
    Dual,
}

/// <summary>Names of address families on the command line, and what this kernel offers.</summary>
public static class IpFamilies
{
    /// <summary>
    /// True when this kernel has IPv6: <c>/proc/sys/net/ipv6</c> is missing when it was built without IPv6 or booted
    /// with <c>ipv6.disable=1</c>.
    /// </summary>
    public static bool KernelSupportsIpv6 => Directory.Exists("/proc/sys/net/ipv6");

    /// <summary>The default of <c>--ip-family</c>: dual where the kernel has IPv6, else IPv4.</summary>
    public static IpFamily Default => KernelSupportsIpv6 ? IpFamily.Dual : IpFamily.Ipv4;

    /// <summary>The command-line spelling: ipv4, ipv6 or dual.</summary>
    public static string Name(IpFamily family) => family switch
    {
        IpFamily.Ipv6 => "ipv6",
        IpFamily.Dual => "dual",
        _ => "ipv4",
    };

    /// <summary>Parses the command-line spelling.</summary>
    public static bool TryParse(string? text, out IpFamily family)
    {
        family = text switch
        {
            "ipv4" => IpFamily.Ipv4,
            "ipv6" => IpFamily.Ipv6,
            "dual" => IpFamily.Dual,
            _ => (IpFamily)(-1),
        };
        return Enum.IsDefined(family);
    }

    /// <summary>True when the family includes IPv4.</summary>
    public static bool HasIpv4(this IpFamily family) => family != IpFamily.Ipv6;

    /// <summary>True when the family includes IPv6.</summary>
    public static bool HasIpv6(this IpFamily family) => family != IpFamily.Ipv4;
}
