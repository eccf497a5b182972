using System.Text;
using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Config;

public class ConfigParserListTests
{
    private static NetworkConfigList Parse(string json) => ConfigParser.ParseList(Encoding.UTF8.GetBytes(json));

    private static Action Parsing(string json) => () => Parse(json);

    [Fact]
    public void ParseList_MinimalList_ReadsNameVersionAndPlugins()
    {
        // Arrange
        const string json = """{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"bridge"},{"type":"tuning"}]}""";

        // Act
        var list = Parse(json);

        // Assert
        list.Name.Should().Be("net1");
        list.CniVersion.Should().Be("1.0.0");
        list.CniVersions.Should().BeEmpty();
        list.Plugins.Select(p => p.Type).Should().Equal("bridge", "tuning");
    }

    [Fact]
    public void ParseList_Bytes_KeepsInputBytes()
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes("""{ "name": "n", "plugins": [ {"type":"x"} ], "other": 1 }""");

        // Act
        var list = ConfigParser.ParseList(bytes, "/etc/cni/net.d/n.conflist");

        // Assert
        list.Bytes.Should().Equal(bytes);
        list.SourcePath.Should().Be("/etc/cni/net.d/n.conflist");
        list.Plugins[0].SourcePath.Should().Be("/etc/cni/net.d/n.conflist");
    }

    [Fact]
    public void ParseList_NoCniVersion_UsesEmptyString()
    {
        // Act
        var list = Parse("""{"name":"n","plugins":[{"type":"x"}]}""");

        // Assert
        list.CniVersion.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"plugins":[{"type":"x"}]}""", "\"name\" is required")]
    [InlineData("""{"name":5,"plugins":[{"type":"x"}]}""", "\"name\" must be a string, got 5")]
    [InlineData("""{"name":null,"plugins":[{"type":"x"}]}""", "\"name\" must be a string, got null")]
    [InlineData("""{"name":"n","cniVersion":1.1,"plugins":[{"type":"x"}]}""", "\"cniVersion\" must be a string, got 1.1")]
    [InlineData("""[{"name":"n"}]""", "network configuration list must be a JSON object, got an array")]
    public void ParseList_BadTopLevelField_ThrowsNamingTheKey(string json, string expected)
    {
        // Act / Assert
        Parsing(json).Should().Throw<ConfigException>().Which.Message.Should().Be(expected);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("\"False\"", false)]
    public void ParseList_BooleanFlag_AcceptsBooleansAndBooleanStrings(string value, bool expected)
    {
        // Arrange
        var json = $$"""{"name":"n","disableCheck":{{value}},"disableGC":{{value}},"loadOnlyInlinedPlugins":{{value}},"plugins":[{"type":"x"}]}""";

        // Act
        var list = Parse(json);

        // Assert
        list.DisableCheck.Should().Be(expected);
        list.DisableGC.Should().Be(expected);
        list.LoadOnlyInlinedPlugins.Should().Be(expected);
    }

    [Fact]
    public void ParseList_FlagsAbsent_AreFalse()
    {
        // Act
        var list = Parse("""{"name":"n","plugins":[{"type":"x"}]}""");

        // Assert
        list.DisableCheck.Should().BeFalse();
        list.DisableGC.Should().BeFalse();
        list.LoadOnlyInlinedPlugins.Should().BeFalse();
    }

    [Theory]
    [InlineData("disableCheck", "5", "5")]
    [InlineData("disableGC", "\"yes\"", "\"yes\"")]
    [InlineData("loadOnlyInlinedPlugins", "null", "null")]
    [InlineData("disableCheck", "[true]", "an array")]
    public void ParseList_BooleanFlagOtherValue_Throws(string key, string value, string shown)
    {
        // Arrange
        var json = $$"""{"name":"n","{{key}}":{{value}},"plugins":[{"type":"x"}]}""";

        // Act / Assert
        Parsing(json).Should().Throw<ConfigException>()
            .Which.Message.Should().Be($"\"{key}\" must be a boolean or \"true\"/\"false\", got {shown}");
    }

    [Fact]
    public void ParseList_PluginsAbsent_ReturnsZeroPlugins()
    {
        // Act
        var list = Parse("""{"name":"n","cniVersion":"1.1.0"}""");

        // Assert
        list.Plugins.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"name":"n","loadOnlyInlinedPlugins":true}""", "\"loadOnlyInlinedPlugins\" is true but \"plugins\" is missing")]
    [InlineData("""{"name":"n","plugins":[]}""", "\"plugins\" must contain at least one plugin")]
    [InlineData("""{"name":"n","plugins":{"type":"x"}}""", "\"plugins\" must be an array, got an object")]
    [InlineData("""{"name":"n","plugins":null}""", "\"plugins\" must be an array, got null")]
    [InlineData("""{"name":"n","plugins":[{"type":"x"},"y"]}""", "plugins[1] must be an object, got \"y\"")]
    public void ParseList_BadPlugins_Throws(string json, string expected)
    {
        // Act / Assert
        Parsing(json).Should().Throw<ConfigException>().Which.Message.Should().Be(expected);
    }

    [Theory]
    [InlineData("""{"name":"x"}""")]
    [InlineData("""{"type":""}""")]
    [InlineData("""{"type":null}""")]
    public void ParseList_PluginWithoutType_Throws(string plugin)
    {
        // Arrange
        var json = $$"""{"name":"n","plugins":[{"type":"ok"},{{plugin}}]}""";

        // Act / Assert
        Parsing(json).Should().Throw<ConfigException>()
            .Which.Message.Should().Be("plugins[1]: \"type\" is required and must be a non-empty string");
    }

    [Theory]
    [InlineData("../bin/bridge")]
    [InlineData("sub\\\\bridge")]
    public void ParseList_TypeWithPathSeparator_Throws(string type)
    {
        // Arrange
        var json = $$"""{"name":"n","plugins":[{"type":"{{type}}"}]}""";

        // Act / Assert
        Parsing(json).Should().Throw<ConfigException>().WithMessage("plugins[0]: \"type\" must not contain a path separator*");
    }

    [Fact]
    public void ParseList_SyntaxError_ReportsOneBasedLineAndColumnAndPath()
    {
        // Arrange: the stray "x" is on line 3, column 3.
        var bytes = Encoding.UTF8.GetBytes("{\n  \"name\": \"n\",\n  x\n}");

        // Act
        var act = () => ConfigParser.ParseList(bytes, "/cfg/10-n.conflist");

        // Assert
        var error = act.Should().Throw<ConfigException>().Which;
        error.Message.Should().StartWith("/cfg/10-n.conflist: invalid JSON at line 3, column 3: ");
        error.Message.Should().NotContain("LineNumber").And.NotContain("\n");
        error.Path.Should().Be("/cfg/10-n.conflist");
    }

    [Fact]
    public void ParseList_EmptyInput_ReportsLineOneColumnOne()
    {
        // Act / Assert
        Parsing("").Should().Throw<ConfigException>().WithMessage("invalid JSON at line 1, column 1: *");
    }

    [Fact]
    public void ParseList_TrailingComma_IsRejectedLikeGo()
    {
        // Act / Assert
        Parsing("""{"name":"n","plugins":[{"type":"x"}],}""").Should().Throw<ConfigException>()
            .WithMessage("invalid JSON at line 1, column *");
    }
}
