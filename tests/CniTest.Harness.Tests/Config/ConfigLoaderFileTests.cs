using System.Text;
using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using CniTest.Harness.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Config;

/// <summary>Loading one file, including the 1.1 sibling plugin folder (R7, §5.26).</summary>
public sealed class ConfigLoaderFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LoadFile_SiblingFolder_AppendsSortedConfsAfterInlinePlugins()
    {
        // Arrange: "10-" sorts before "2-" ordinally; only non-directory *.conf entries count.
        var path = _dir.Write("net.conflist", """{"cniVersion":"1.1.0","name":"net","plugins":[{"type":"inline"}]}""");
        _dir.Write("net/2-b.conf", """{"type":"second"}""");
        _dir.Write("net/10-a.conf", """{"type":"first"}""");
        _dir.Write("net/ignored.json", """{"type":"json"}""");
        _dir.Write("net/dir.conf/x.conf", """{"type":"nested"}""");

        // Act
        var list = ConfigLoader.LoadFile(path);

        // Assert
        list.Plugins.Select(p => p.Type).Should().Equal("inline", "first", "second");
        list.Plugins[1].SourcePath.Should().Be(Path.Join(_dir.Path, "net", "10-a.conf"));
    }

    [Fact]
    public void LoadFile_SiblingFolder_BytesAreOnlyTheMainFile()
    {
        // Arrange
        const string main = """{"name":"net","plugins":[{"type":"inline"}]}""";
        var path = _dir.Write("net.conflist", main);
        _dir.Write("net/a.conf", """{"type":"extra"}""");

        // Act
        var list = ConfigLoader.LoadFile(path);

        // Assert
        Encoding.UTF8.GetString(list.Bytes).Should().Be(main); // R8
    }

    [Fact]
    public void LoadFile_LoadOnlyInlinedPlugins_IgnoresSiblingFolder()
    {
        // Arrange
        var path = _dir.Write("net.conflist", """{"name":"net","loadOnlyInlinedPlugins":"TRUE","plugins":[{"type":"inline"}]}""");
        _dir.Write("net/a.conf", """{"type":"extra"}""");
        _dir.Write("net/broken.conf", "{");

        // Act
        var list = ConfigLoader.LoadFile(path);

        // Assert
        list.Plugins.Select(p => p.Type).Should().Equal("inline");
    }

    [Fact]
    public void LoadFile_NoInlinePlugins_UsesSiblingFolderOnly()
    {
        // Arrange
        var path = _dir.Write("net.conflist", """{"cniVersion":"1.1.0","name":"net"}""");
        _dir.Write("net/a.conf", """{"type":"extra"}""");

        // Act
        var list = ConfigLoader.LoadFile(path);

        // Assert
        list.Plugins.Select(p => p.Type).Should().Equal("extra");
    }

    [Fact]
    public void LoadFile_NoPluginsAnywhere_ThrowsNoPluginConfigsFound()
    {
        // Arrange
        var path = _dir.Write("net.conflist", """{"cniVersion":"1.1.0","name":"net"}""");

        // Act
        var act = () => ConfigLoader.LoadFile(path);

        // Assert
        act.Should().Throw<ConfigException>().Which.Message.Should().Be($"{path}: no plugin configs found");
    }

    [Fact]
    public void LoadFile_BrokenSiblingPlugin_FailsTheWholeLoad()
    {
        // Arrange
        var path = _dir.Write("net.conflist", """{"name":"net","plugins":[{"type":"inline"}]}""");
        var broken = _dir.Write("net/b.conf", """{"name":"no type"}""");

        // Act
        var act = () => ConfigLoader.LoadFile(path);

        // Assert
        act.Should().Throw<ConfigException>().Which.Path.Should().Be(broken);
    }

    [Fact]
    public void LoadFile_NameWithPathSeparator_ReadsNoFolderOutsideTheDirectory()
    {
        // Arrange: libcni would join "../outside" onto the directory.
        var path = _dir.Write("conf/net.conflist", """{"name":"../outside","plugins":[{"type":"inline"}]}""");
        _dir.Write("outside/a.conf", """{"type":"escaped"}""");

        // Act
        var list = ConfigLoader.LoadFile(path);

        // Assert
        list.Plugins.Select(p => p.Type).Should().Equal("inline");
    }

    [Theory]
    [InlineData("10-legacy.conf")]
    [InlineData("10-legacy.json")]
    public void LoadFile_LegacySingleFile_ReturnsOneElementList(string fileName)
    {
        // Arrange
        var path = _dir.Write(fileName, """{"cniVersion":"0.3.1","name":"legacy","type":"bridge"}""");
        _dir.Write("legacy/a.conf", """{"type":"not-for-single-files"}""");

        // Act
        var list = ConfigLoader.LoadFile(path);

        // Assert
        list.Name.Should().Be("legacy");
        list.CniVersion.Should().Be("0.3.1");
        list.Plugins.Select(p => p.Type).Should().Equal("bridge");
    }

    [Fact]
    public void LoadFile_UnknownExtension_Throws()
    {
        // Arrange
        var path = _dir.Write("net.yaml", "name: net");

        // Act
        var act = () => ConfigLoader.LoadFile(path);

        // Assert
        act.Should().Throw<ConfigException>().WithMessage("*unsupported file extension \".yaml\"*");
    }

    [Fact]
    public void LoadFile_MissingFile_ThrowsConfigException()
    {
        // Arrange
        var path = Path.Join(_dir.Path, "absent.conflist");

        // Act
        var act = () => ConfigLoader.LoadFile(path);

        // Assert
        act.Should().Throw<ConfigException>().WithMessage($"{path}: cannot read file: *");
    }

    [Fact]
    public void LoadFile_SyntaxError_MessageHasPathLineAndColumn()
    {
        // Arrange: "tru" ends at line 3; the reader reports the position where it gave up.
        var path = _dir.Write("net.conflist", "{\n  \"name\": \"net\",\n  \"disableCheck\": tru\n}");

        // Act
        var act = () => ConfigLoader.LoadFile(path);

        // Assert
        act.Should().Throw<ConfigException>().WithMessage($"{path}: invalid JSON at line 3, column *: *");
    }
}
