using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Config;

/// <summary>Plugin objects (R6, R12, §3.2) and legacy single-plugin files (R3, R4).</summary>
public class ConfigParserPluginTests
{
    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void ParsePlugin_ValidObject_ExposesTypedView()
    {
        // Arrange
        const string json = """
            {"type":"bridge","name":"own","ipam":{"type":"host-local"},
             "capabilities":{"portMappings":true,"bandwidth":false},"dns":{"nameservers":["10.0.0.1"]}}
            """;

        // Act
        var plugin = ConfigParser.ParsePlugin(Utf8(json), "/x/a.conf");

        // Assert
        plugin.Type.Should().Be("bridge");
        plugin.Name.Should().Be("own");
        plugin.IpamType.Should().Be("host-local");
        plugin.EnabledCapabilities.Should().Equal("portMappings");
        plugin.SourcePath.Should().Be("/x/a.conf");
    }

    [Fact]
    public void ParsePlugin_NullTypedFields_CountAsAbsentLikeGo()
    {
        // Act
        var plugin = ConfigParser.ParsePlugin(Utf8("""{"type":"x","name":null,"ipam":null,"capabilities":{"a":null}}"""));

        // Assert
        plugin.Name.Should().BeNull();
        plugin.IpamType.Should().BeNull();
        plugin.EnabledCapabilities.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"name":"x"}""", "\"type\" is required and must be a non-empty string")]
    [InlineData("""{"type":7}""", "\"type\" must be a string, got 7")]
    [InlineData("""{"type":"x","capabilities":{"portMappings":"yes"}}""", "\"capabilities.portMappings\" must be a boolean, got \"yes\"")]
    [InlineData("""{"type":"x","capabilities":[]}""", "\"capabilities\" must be an object, got an array")]
    [InlineData("""{"type":"x","ipam":"host-local"}""", "\"ipam\" must be an object, got \"host-local\"")]
    [InlineData("""{"type":"x","ipam":{"type":1}}""", "\"ipam.type\" must be a string, got 1")]
    [InlineData("""{"type":"x","dns":{"nameservers":"10.0.0.1"}}""", "\"dns.nameservers\" must be an array of strings, got \"10.0.0.1\"")]
    [InlineData("""{"type":"x","cniVersion":1}""", "\"cniVersion\" must be a string, got 1")]
    [InlineData("""{"type":"x","prevResult":[]}""", "\"prevResult\" must be an object, got an array")]
    [InlineData("""["x"]""", "plugin configuration must be a JSON object, got an array")]
    public void ParsePlugin_InvalidObject_ThrowsNamingTheKey(string json, string expected)
    {
        // Act
        var act = () => ConfigParser.ParsePlugin(Utf8(json));

        // Assert
        act.Should().Throw<ConfigException>().Which.Message.Should().Be(expected);
    }

    [Fact]
    public void FromSingleConf_LegacyConf_BecomesOneElementList()
    {
        // Arrange
        const string json = """{"cniVersion":"0.4.0","name":"legacy","type":"bridge","bridge":"cni0"}""";

        // Act
        var list = ConfigParser.FromSingleConf(Utf8(json), "/x/10-legacy.conf");

        // Assert
        list.Name.Should().Be("legacy");
        list.CniVersion.Should().Be("0.4.0");
        list.SourcePath.Should().Be("/x/10-legacy.conf");
        list.Plugins.Should().ContainSingle();
        list.Plugins[0].Raw.ToJsonString().Should().Be(json); // R4: the plugin keeps its own name/cniVersion
    }

    [Fact]
    public void FromSingleConf_ListLevelFlags_AreNotCarriedOver()
    {
        // Arrange
        const string json = """{"cniVersion":"1.0.0","name":"n","type":"x","disableCheck":true,"disableGC":"true"}""";

        // Act
        var list = ConfigParser.FromSingleConf(Utf8(json));

        // Assert
        list.DisableCheck.Should().BeFalse();
        list.DisableGC.Should().BeFalse();
    }

    [Fact]
    public void FromSingleConf_Bytes_AreTheSynthesisedListWithThePluginUnchanged()
    {
        // Arrange
        const string json = """{"type":"x","name":"né<t>","big":9007199254740993}""";

        // Act
        var list = ConfigParser.FromSingleConf(Utf8(json));

        // Assert
        Encoding.UTF8.GetString(list.Bytes).Should().Be(
            """{"cniVersion":"","name":"né<t>","plugins":[{"type":"x","name":"né<t>","big":9007199254740993}]}""");
    }

    [Fact]
    public void FromSingleConf_MissingType_Throws()
    {
        // Act
        var act = () => ConfigParser.FromSingleConf(Utf8("""{"cniVersion":"1.0.0","name":"n"}"""), "/x/n.conf");

        // Assert
        act.Should().Throw<ConfigException>()
            .Which.Message.Should().Be("/x/n.conf: \"type\" is required and must be a non-empty string");
    }

    [Fact]
    public void ParsePlugin_NullObject_ThrowsArgumentNull()
    {
        // Act
        var act = () => ConfigParser.ParsePlugin((JsonObject)null!);

        // Assert
        act.Should().Throw<ArgumentNullException>();
    }
}
