using CniTest.Ipam.Net;

namespace CniTest.Ipam.Config;

/// <summary>
/// One canonical range of a range set (host-local <c>allocator.Range</c> after <c>Canonicalize</c>): the subnet's
/// network address and prefix, the inclusive <see cref="Start"/>…<see cref="End"/>, and the gateway (never handed out).
/// </summary>
public sealed record IpRange(IpValue Network, int PrefixLength, IpValue Start, IpValue End, IpValue Gateway)
{
    /// <summary>The subnet as <c>network/prefix</c>.</summary>
    public string Subnet => $"{Network}/{PrefixLength}";

    /// <summary>True when <paramref name="ip"/> is in the subnet and within <see cref="Start"/>…<see cref="End"/>.</summary>
    public bool Contains(IpValue ip) => InSubnet(ip) && ip.CompareTo(Start) >= 0 && ip.CompareTo(End) <= 0;

    /// <summary>True when <paramref name="ip"/> is in the subnet (any host part).</summary>
    public bool InSubnet(IpValue ip) => ip.IsV4 == Network.IsV4 && (ip.Value & Network.Mask(PrefixLength)) == Network.Value;

    /// <summary>Go's <c>Range.Overlaps</c>: same family and either contains an end of the other.</summary>
    public bool Overlaps(IpRange other) =>
        Network.IsV4 == other.Network.IsV4
        && (Contains(other.Start) || Contains(other.End) || other.Contains(Start) || other.Contains(End));

    /// <summary>How many addresses can be handed out (the gateway excluded when inside the range).</summary>
    public UInt128 Capacity => End.Value - Start.Value + 1 - (Contains(Gateway) ? UInt128.One : UInt128.Zero);

    /// <summary>Go's <c>Range.String()</c>: <c>start-end</c>.</summary>
    public override string ToString() => $"{Start}-{End}";
}

/// <summary>A range set: one address per ADD comes from it (host-local <c>allocator.RangeSet</c>).</summary>
public sealed record RangeSet(IReadOnlyList<IpRange> Ranges)
{
    /// <summary>The address family of every range in the set.</summary>
    public bool IsV4 => Ranges[0].Network.IsV4;

    /// <summary>The first range containing <paramref name="ip"/>, or null.</summary>
    public IpRange? RangeFor(IpValue ip)
    {
        foreach (var range in Ranges)
        {
            if (range.Contains(ip))
                return range;
        }
        return null;
    }

    /// <summary>True when some range contains <paramref name="ip"/>.</summary>
    public bool Contains(IpValue ip) => RangeFor(ip) is not null;

    /// <summary>True when any range of one set overlaps any of the other.</summary>
    public bool Overlaps(RangeSet other) => Ranges.Any(a => other.Ranges.Any(a.Overlaps));

    /// <summary>Go's <c>RangeSet.String()</c>: ranges joined by commas.</summary>
    public override string ToString() => string.Join(",", Ranges);
}
