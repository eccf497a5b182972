using System.Text.Json.Nodes;
using CniTest.Ipam.Config;
using CniTest.PluginSdk.Errors;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Ipam;

/// <summary>host-local's <c>Range.Canonicalize</c> defaults and rejections.</summary>
public sealed class RangeParserTests
{
    [Fact]
    public void Parse_SubnetOnlyV4_DefaultsLikeHostLocal()
    {
        var range = Parse("""{"subnet":"10.0.0.0/24"}""");

        (range.Gateway.ToString(), range.Start.ToString(), range.End.ToString()).Should().Be(("10.0.0.1", "10.0.0.1", "10.0.0.254"));
    }

    [Fact]
    public void Parse_SubnetOnlyV6_EndsAtLastAddress()
    {
        var range = Parse("""{"subnet":"fd00::/120"}""");

        (range.Gateway.ToString(), range.Start.ToString(), range.End.ToString()).Should().Be(("fd00::1", "fd00::1", "fd00::ff"));
    }

    [Fact]
    public void Parse_ExplicitBounds_AreKept()
    {
        var range = Parse("""{"subnet":"10.0.0.0/24","rangeStart":"10.0.0.100","rangeEnd":"10.0.0.110","gateway":"10.0.0.254"}""");

        (range.Gateway.ToString(), range.Start.ToString(), range.End.ToString()).Should().Be(("10.0.0.254", "10.0.0.100", "10.0.0.110"));
        range.Capacity.Should().Be(11);
    }

    [Theory]
    [InlineData("""{"subnet":"10.0.0.5/24"}""", "host bits")]
    [InlineData("""{"subnet":"10.0.0.0/31"}""", "too small")]
    [InlineData("""{"subnet":"fd00::/127"}""", "too small")]
    [InlineData("""{"subnet":"10.0.0.0/24","rangeStart":"10.0.1.1"}""", "rangeStart")]
    [InlineData("""{"subnet":"10.0.0.0/24","rangeEnd":"10.0.1.1"}""", "rangeEnd")]
    [InlineData("""{"subnet":"10.0.0.0/24","rangeStart":"10.0.0.9","rangeEnd":"10.0.0.8"}""", "rangeEnd")]
    [InlineData("""{"rangeStart":"10.0.0.9"}""", "subnet")]
    [InlineData("""{"subnet":"banana"}""", "subnet")]
    public void Parse_InvalidRange_FailsWithCode7NamingTheKey(string json, string expected)
    {
        var act = () => Parse(json);

        var error = act.Should().Throw<CniPluginException>().Which;
        error.Code.Should().Be(CniErrorCodes.InvalidNetworkConfig);
        error.Msg.Should().Contain(expected);
    }

    [Theory]
    [InlineData("""[{"subnet":"10.0.0.0/24"},{"subnet":"fd00::/64"}]""", "mixed")]
    [InlineData("""[{"subnet":"10.0.0.0/24"},{"subnet":"10.0.0.0/25"}]""", "overlap")]
    [InlineData("""[]""", "empty")]
    public void ParseSet_InvalidSet_Fails(string json, string expected)
    {
        var act = () => RangeParser.ParseSet(JsonNode.Parse(json)!.AsArray(), "ipam.ranges[0]");

        act.Should().Throw<CniPluginException>().Which.Msg.Should().Contain(expected);
    }

    private static IpRange Parse(string json) => RangeParser.Parse(JsonNode.Parse(json)!.AsObject(), "ipam.ranges[0][0]");
}
