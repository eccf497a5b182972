using System.Net;
using System.Text.Json.Nodes;
using CniTest.Scenarios.Configs;
using CniTest.Scenarios.Model;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Engine;

/// <summary>Node 2 of <c>--nodes 2</c> gets the next block of each pod range; routes and other keys stay.</summary>
public sealed class NodeRangesTests
{
    private static NetworkSpec Network() => new()
    {
        Name = "n",
        Role = PluginRole.Interface,
        MasterLinks = [],
        Source = "test",
        Members =
        [
            new ChainMember("bridge", "/x/bridge", (JsonObject)JsonNode.Parse("""
                {"type":"bridge","bridge":"br0","ipMasq":true,"ipam":{"type":"host-local",
                 "ranges":[[{"subnet":"10.99.0.0/24","gateway":"10.99.0.1","rangeStart":"10.99.0.10"}],[{"subnet":"fd00:99::/64"}]],
                 "routes":[{"dst":"0.0.0.0/0"},{"dst":"10.99.0.0/16"}]}}
                """)!, true),
        ],
    };

    [Fact]
    public void ForNode_Two_ShiftsEveryAddressInsideARangeByOneBlock()
    {
        // Act
        var ipam = NodeRanges.ForNode(Network(), 2).Members[0].Config["ipam"]!;

        // Assert
        ipam["ranges"]![0]![0]!.ToJsonString().Should().Be("""{"subnet":"10.99.1.0/24","gateway":"10.99.1.1","rangeStart":"10.99.1.10"}""");
        ipam["ranges"]![1]![0]!["subnet"]!.GetValue<string>().Should().Be("fd00:99:0:1::/64");
        ipam["routes"]!.ToJsonString().Should().Be("""[{"dst":"0.0.0.0/0"},{"dst":"10.99.0.0/16"}]""", "a route wider than the range is not the range");
    }

    [Fact]
    public void Of_Network_ListsItsRanges_AndNodeOneIsUnchanged()
    {
        // Act
        var ranges = NodeRanges.Of(Network());

        // Assert
        ranges.Should().Equal(IPNetwork.Parse("10.99.0.0/24"), IPNetwork.Parse("fd00:99::/64"));
        var network = Network();
        NodeRanges.ForNode(network, 1).Should().BeSameAs(network, "node 1 keeps the config");
        NodeRanges.Shifted(IPNetwork.Parse("10.99.0.0/24"), 3).Should().Be(IPNetwork.Parse("10.99.2.0/24"));
    }

    [Fact]
    public void Masquerading_Off_TurnsIpMasqOffWhereItIsSet()
    {
        // Act
        var off = Network().Masquerading(false);

        // Assert
        off.Members[0].Config["ipMasq"]!.GetValue<bool>().Should().BeFalse();
        Network().Members[0].Config["ipMasq"]!.GetValue<bool>().Should().BeTrue();
    }
}
