using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Config;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Config;

/// <summary>Plugin objects must reach plugins as written: no float64 numbers, no sorted keys (§5.13).</summary>
public class ConfigParserPreservationTests
{
    private static NetworkConfigList Parse(string json) => ConfigParser.ParseList(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ParseList_LargeIntegerAndNumberSpelling_SurviveInRaw()
    {
        // Arrange: 2^53 + 1 is not representable as a double; 1.50e3 must keep its spelling.
        const string json = """{"name":"n","plugins":[{"type":"x","big":9007199254740993,"f":1.50e3}]}""";

        // Act
        var raw = Parse(json).Plugins[0].Raw.ToJsonString();

        // Assert
        raw.Should().Be("""{"type":"x","big":9007199254740993,"f":1.50e3}""");
    }

    [Fact]
    public void ParseList_PluginKeys_KeepWrittenOrder()
    {
        // Arrange
        const string json = """{"name":"n","plugins":[{"zeta":1,"type":"x","alpha":{"b":2,"a":1},"mid":true}]}""";

        // Act
        var raw = Parse(json).Plugins[0].Raw;

        // Assert
        raw.Select(p => p.Key).Should().Equal("zeta", "type", "alpha", "mid");
        raw["alpha"]!.AsObject().Select(p => p.Key).Should().Equal("b", "a");
    }

    [Fact]
    public void ParseList_PluginRaw_IsDetachedAndIndependent()
    {
        // Arrange
        var list = Parse("""{"name":"n","plugins":[{"type":"a","ipam":{"type":"host-local"}},{"type":"b"}]}""");

        // Act
        list.Plugins[0].Raw["ipam"]!["type"] = "changed";

        // Assert
        list.Plugins[0].Raw.Parent.Should().BeNull();
        list.Plugins[1].Raw.Parent.Should().BeNull();
        list.Plugins[0].IpamType.Should().Be("changed");
        list.Plugins[1].Raw.ToJsonString().Should().Be("""{"type":"b"}""");
    }

    [Fact]
    public void ParseList_DuplicateKey_LastValueWinsLikeGo()
    {
        // Act
        var list = Parse("""{"name":"first","name":"second","plugins":[{"type":"a","type":"b"}]}""");

        // Assert
        list.Name.Should().Be("second");
        list.Plugins[0].Type.Should().Be("b");
    }

    [Fact]
    public void ParsePlugin_JsonObjectInput_IsClonedNotAdopted()
    {
        // Arrange
        var parent = JsonNode.Parse("""{"plugins":[{"type":"x","mtu":1500}]}""")!;
        var original = parent["plugins"]![0]!.AsObject();

        // Act
        var plugin = ConfigParser.ParsePlugin(original);
        original["mtu"] = 9000;

        // Assert
        plugin.Raw.Parent.Should().BeNull();
        plugin.Raw["mtu"]!.ToJsonString().Should().Be("1500");
    }
}
