using System.Net;
using System.Numerics;
using System.Text.Json.Nodes;

namespace CniTest.Scenarios.Configs;

/// <summary>
/// The pod ranges of a network on another node (<c>--nodes 2</c>): each node gets its own block of the same size
/// right after the first node's (10.99.0.0/24 on node 1, 10.99.1.0/24 on node 2), as a host-gw network hands
/// every node its own pod CIDR. Every address of the IPAM section that lies in one of its ranges (subnet, gateway,
/// range start and end, static addresses) moves with it; everything else (route destinations) stays.
/// </summary>
public static class NodeRanges
{
    /// <summary>The pod ranges (IPAM <c>ranges[][].subnet</c>, or the older top-level <c>subnet</c>) of <paramref name="network"/>.</summary>
    public static IReadOnlyList<IPNetwork> Of(NetworkSpec network) =>
        [.. network.Members.SelectMany(m => Ranges(m.Config["ipam"] as JsonObject)).Distinct()];

    /// <summary><paramref name="network"/> as node <paramref name="node"/> (1-based) uses it.</summary>
    public static NetworkSpec ForNode(NetworkSpec network, int node)
    {
        if (node <= 1)
        {
            return network;
        }

        var ranges = Of(network);
        return network.WithMembers([.. network.Members.Select(m =>
        {
            var config = (JsonObject)m.Config.DeepClone();
            if (config["ipam"] is JsonObject ipam)
            {
                config["ipam"] = Shift(ipam, ranges, node - 1);
            }

            return m with { Config = config };
        })]);
    }

    /// <summary>The block <paramref name="range"/> moves to on node <paramref name="node"/>.</summary>
    public static IPNetwork Shifted(IPNetwork range, int node) =>
        new(Add(range.BaseAddress, Size(range) * (node - 1)), range.PrefixLength);

    private static IEnumerable<IPNetwork> Ranges(JsonObject? ipam)
    {
        if (ipam is null)
        {
            yield break;
        }

        var subnets = (ipam["ranges"] as JsonArray ?? []).OfType<JsonArray>().SelectMany(set => set.OfType<JsonObject>())
            .Select(r => r["subnet"]).Append(ipam["subnet"]);
        foreach (var subnet in subnets)
        {
            if (subnet is JsonValue v && v.TryGetValue<string>(out var s) && IPNetwork.TryParse(s, out var net))
            {
                yield return net;
            }
        }
    }

    private static JsonNode? Shift(JsonNode? node, IReadOnlyList<IPNetwork> ranges, int blocks)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    o[key] = Shift(o[key]?.DeepClone(), ranges, blocks);
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    a[i] = Shift(a[i]?.DeepClone(), ranges, blocks);
                }

                return a;
            case JsonValue v when v.TryGetValue<string>(out var s):
                var slash = s.IndexOf('/');
                var text = slash < 0 ? s : s[..slash];
                if (IPAddress.TryParse(text, out var ip) && ranges.FirstOrDefault(r => r.Contains(ip)) is { PrefixLength: > 0 } range
                    && !(slash >= 0 && int.TryParse(s[(slash + 1)..], out var prefix) && prefix < range.PrefixLength))
                {
                    return JsonValue.Create(Add(ip, Size(range) * blocks) + (slash < 0 ? "" : s[slash..]));
                }

                return v;
            default:
                return node;
        }
    }

    private static BigInteger Size(IPNetwork range) =>
        BigInteger.One << ((range.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32) - range.PrefixLength);

    private static IPAddress Add(IPAddress address, BigInteger offset)
    {
        var bytes = address.GetAddressBytes();
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true) + offset;
        var sum = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[bytes.Length];
        Array.Copy(sum, Math.Max(0, sum.Length - bytes.Length), result, Math.Max(0, bytes.Length - sum.Length), Math.Min(sum.Length, bytes.Length));
        return new IPAddress(result);
    }
}
