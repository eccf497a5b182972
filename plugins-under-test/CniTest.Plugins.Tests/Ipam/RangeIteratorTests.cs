using System.Text.Json.Nodes;
using CniTest.Ipam.Allocation;
using CniTest.Ipam.Config;
using CniTest.Ipam.Net;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Ipam;

/// <summary>The walk order of host-local's <c>RangeIter</c>.</summary>
public sealed class RangeIteratorTests
{
    private static readonly RangeSet TwoRanges = Set("""
        [{"subnet":"10.0.0.0/29"},{"subnet":"10.0.1.0/24","rangeStart":"10.0.1.10","rangeEnd":"10.0.1.12","gateway":"10.0.1.11"}]
        """);

    [Fact]
    public void Next_WithoutCursor_StartsAtRangeStartSkipsGatewaysAndWraps()
    {
        var walk = Walk(new RangeIterator(TwoRanges, lastReserved: null));

        walk.Should().Equal("10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.1.10", "10.0.1.12");
    }

    [Fact]
    public void Next_WithCursor_ContinuesAfterItAndEndsWithIt()
    {
        var walk = Walk(new RangeIterator(TwoRanges, Ip("10.0.0.5")));

        walk.Should().Equal("10.0.0.6", "10.0.1.10", "10.0.1.12", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5");
    }

    [Fact]
    public void Next_CursorOutsideTheSet_StartsFromTheBeginning()
    {
        var walk = Walk(new RangeIterator(TwoRanges, Ip("192.168.0.1")));

        walk.First().Should().Be("10.0.0.2");
        walk.Should().HaveCount(7);
    }

    private static List<string> Walk(RangeIterator iterator)
    {
        var list = new List<string>();
        while (iterator.Next() is var (ip, _) && list.Count < 100)
            list.Add(ip.ToString());
        return list;
    }

    private static IpValue Ip(string text)
    {
        IpValue.TryParse(text, out var ip);
        return ip;
    }

    private static RangeSet Set(string json) => RangeParser.ParseSet(JsonNode.Parse(json)!.AsArray(), "ipam.ranges[0]");
}
