using System.Text;
using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Config;

/// <summary>Version selection from <c>cniVersion</c> and <c>cniVersions</c> (R5, R15, §5.27).</summary>
public class ConfigParserVersionTests
{
    private static NetworkConfigList Parse(string versionKeys) =>
        ConfigParser.ParseList(Encoding.UTF8.GetBytes($$"""{"name":"n",{{versionKeys}},"plugins":[{"type":"x"}]}"""));

    [Theory]
    [InlineData("""  "cniVersions":["0.4.0","1.1.0","1.0.0"]  """, "1.1.0")]
    [InlineData("""  "cniVersions":["1.0.0","1.2.0","2.0.0"]  """, "1.0.0")]
    [InlineData("""  "cniVersion":"1.1.0","cniVersions":["0.4.0"]  """, "1.1.0")]
    [InlineData("""  "cniVersion":"0.3.1","cniVersions":["1.0.0"]  """, "1.0.0")]
    [InlineData("""  "cniVersion":"1.5.0","cniVersions":["0.4.0"]  """, "0.4.0")]
    [InlineData("""  "cniVersions":["0.4.0","1.1"]  """, "1.1")]
    public void ParseList_CniVersions_SelectsHighestNotAboveCurrent(string versionKeys, string expected)
    {
        // Act
        var list = Parse(versionKeys);

        // Assert
        list.CniVersion.Should().Be(expected);
    }

    [Fact]
    public void ParseList_AllCniVersionsTooNew_KeepsCniVersionVerbatim()
    {
        // Arrange: libcni conf_test "falls back to cniVersion" (§5.27).
        const string versionKeys = """ "cniVersion":"1.2.3","cniVersions":["2.0.0","1.3.0"] """;

        // Act
        var list = Parse(versionKeys);

        // Assert
        list.CniVersion.Should().Be("1.2.3");
        list.CniVersions.Should().Equal("2.0.0", "1.3.0");
    }

    [Theory]
    [InlineData("""  "cniVersion":"1.2.3"  """, "1.2.3")]
    [InlineData("""  "cniVersion":"1.1"  """, "1.1")]
    [InlineData("""  "cniVersion":"1.0.0-rc1"  """, "1.0.0-rc1")]
    [InlineData("""  "cniVersion":"1.0.0","cniVersions":[]  """, "1.0.0")]
    public void ParseList_WithoutUsableCniVersions_TakesCniVersionAsWritten(string versionKeys, string expected)
    {
        // Act
        var list = Parse(versionKeys);

        // Assert
        list.CniVersion.Should().Be(expected);
    }

    [Theory]
    [InlineData("""  "cniVersions":["1.0.0","1.0.0-rc1"]  """, "\"cniVersions\"[1] is not a valid version: *")]
    [InlineData("""  "cniVersions":["9.x"]  """, "\"cniVersions\"[0] is not a valid version: *")]
    [InlineData("""  "cniVersions":["1.0.0",2]  """, "\"cniVersions\"[1] must be a string, got 2")]
    [InlineData("""  "cniVersions":"1.0.0"  """, "\"cniVersions\" must be an array of strings, got \"1.0.0\"")]
    [InlineData("""  "cniVersion":"one","cniVersions":["1.0.0"]  """, "\"cniVersion\" is not a valid version: *")]
    public void ParseList_InvalidCniVersions_Throws(string versionKeys, string expected)
    {
        // Act
        var act = () => Parse(versionKeys);

        // Assert
        act.Should().Throw<ConfigException>().WithMessage(expected);
    }
}
