using System.Text.Json.Nodes;
using CniTest.Ipam.Net;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Json;
using CniTest.PluginSdk.Results;

namespace CniTest.Ipam.Config;

/// <summary>
/// Parses and canonicalises ranges exactly as host-local's <c>Range.Canonicalize</c> / <c>RangeSet.Canonicalize</c>:
/// the subnet must leave at least two addresses and have no host bits; the gateway defaults to network+1;
/// <c>rangeStart</c> defaults to network+1 (the gateway is skipped by the iterator); <c>rangeEnd</c> defaults to the
/// broadcast−1 for IPv4 and the last address for IPv6; start/end must lie in the subnet; no mixed families and no
/// overlaps inside a set.
/// </summary>
internal static class RangeParser
{
    private const uint Code = CniErrorCodes.InvalidNetworkConfig;

    public static RangeSet ParseSet(JsonArray array, string path)
    {
        if (array.Count == 0)
            throw new CniPluginException(Code, $"{path}: empty range set");
        var ranges = new List<IpRange>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var item = array[i] as JsonObject ?? throw ConfigReader.Invalid(itemPath, array[i], "a range object");
            var range = Parse(item, itemPath);
            if (ranges.Count > 0 && ranges[0].Network.IsV4 != range.Network.IsV4)
                throw new CniPluginException(Code, $"{path}: mixed address families");
            ranges.Add(range);
        }
        for (var i = 0; i < ranges.Count; i++)
        {
            for (var j = i + 1; j < ranges.Count; j++)
            {
                if (ranges[i].Overlaps(ranges[j]))
                    throw new CniPluginException(Code, $"{path}: subnets {ranges[i]} and {ranges[j]} overlap");
            }
        }
        return new RangeSet(ranges);
    }

    public static IpRange Parse(JsonObject obj, string path)
    {
        var subnet = ConfigReader.Cidr(obj, "subnet", path + ".subnet")
            ?? throw new CniPluginException(Code, $"\"{path}.subnet\" is missing");
        var network = IpValue.From(subnet.Address);
        var prefix = subnet.PrefixLength - (subnet.Address.IsIPv4MappedToIPv6 ? 96 : 0);
        if (prefix < 0 || prefix > network.Bits - 2)
            throw new CniPluginException(Code, $"invalid value for \"{path}.subnet\": network {subnet} is too small to allocate from");
        var masked = network with { Value = network.Value & network.Mask(prefix) };
        if (masked != network)
        {
            throw new CniPluginException(Code,
                $"invalid value for \"{path}.subnet\": network {subnet} has host bits set; for a prefix of {prefix} the network address is {masked}");
        }
        var probe = new IpRange(network, prefix, network, LastAddress(network, prefix), network.Next());
        var gateway = Address(obj, "gateway", path) ?? network.Next();
        var start = Address(obj, "rangeStart", path) ?? network.Next();
        if (!probe.InSubnet(start))
            throw new CniPluginException(Code, $"invalid value for \"{path}.rangeStart\": {start} is not in network {probe.Subnet}");
        var end = Address(obj, "rangeEnd", path) ?? probe.End;
        if (!probe.InSubnet(end) || end.CompareTo(start) < 0)
            throw new CniPluginException(Code, $"invalid value for \"{path}.rangeEnd\": {end} is not in network {probe.Subnet} at or after {start}");
        return new IpRange(network, prefix, start, end, gateway);
    }

    private static IpValue? Address(JsonObject obj, string key, string path) =>
        ConfigReader.Ip(obj, key, $"{path}.{key}") is { } ip ? IpValue.From(ip) : null;

    /// <summary>host-local's <c>lastIP</c>: all host bits set, minus one for IPv4 (the broadcast address).</summary>
    private static IpValue LastAddress(IpValue network, int prefix)
    {
        var last = network.Value | ~network.Mask(prefix) & (network.IsV4 ? uint.MaxValue : UInt128.MaxValue);
        return network with { Value = network.IsV4 ? last - 1 : last };
    }
}
