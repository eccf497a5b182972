using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using CniTest.Harness.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Config;

/// <summary>Finding a network by name in a directory (R2, R3) and listing/loading a whole directory.</summary>
public sealed class ConfigLoaderLookupTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string List(string name, string type) =>
        $$"""{"cniVersion":"1.0.0","name":"{{name}}","plugins":[{"type":"{{type}}"}]}""";

    private static string Single(string name, string type) =>
        $$"""{"cniVersion":"0.4.0","name":"{{name}}","type":"{{type}}"}""";

    [Fact]
    public void LoadByName_ConflistAndConfWithSameName_PrefersConflist()
    {
        // Arrange: the .conf sorts first but lists are searched before legacy files.
        _dir.Write("00-net.conf", Single("net", "from-conf"));
        _dir.Write("99-net.conflist", List("net", "from-conflist"));

        // Act
        var list = ConfigLoader.LoadByName(_dir.Path, "net");

        // Assert
        list.Plugins[0].Type.Should().Be("from-conflist");
    }

    [Fact]
    public void LoadByName_SeveralMatches_FirstInOrdinalOrderWins()
    {
        // Arrange: ordinal order puts "B" (0x42) before "a" (0x61).
        _dir.Write("a.conflist", List("net", "from-a"));
        _dir.Write("B.conflist", List("net", "from-B"));

        // Act
        var list = ConfigLoader.LoadByName(_dir.Path, "net");

        // Assert
        list.Plugins[0].Type.Should().Be("from-B");
        list.SourcePath.Should().Be(Path.Join(_dir.Path, "B.conflist"));
    }

    [Fact]
    public void LoadByName_BrokenEarlierConflist_AbortsLookup()
    {
        // Arrange: libcni quirk (R2, §5.25): a broken file hides everything sorting after it.
        var broken = _dir.Write("00-broken.conflist", """{"name":"broken"}""");
        _dir.Write("10-net.conflist", List("net", "bridge"));

        // Act
        var act = () => ConfigLoader.LoadByName(_dir.Path, "net");

        // Assert
        act.Should().Throw<ConfigException>().Which.Path.Should().Be(broken);
    }

    [Fact]
    public void LoadByName_BrokenLaterConflist_DoesNotHideEarlierMatch()
    {
        // Arrange
        _dir.Write("10-net.conflist", List("net", "bridge"));
        _dir.Write("20-broken.conflist", "{ not json");

        // Act
        var list = ConfigLoader.LoadByName(_dir.Path, "net");

        // Assert
        list.Name.Should().Be("net");
    }

    [Fact]
    public void LoadByName_BrokenConflist_AlsoHidesLegacyConfs()
    {
        // Arrange
        _dir.Write("50-broken.conflist", "[]");
        _dir.Write("10-net.conf", Single("net", "bridge"));

        // Act
        var act = () => ConfigLoader.LoadByName(_dir.Path, "net");

        // Assert
        act.Should().Throw<ConfigException>();
    }

    [Fact]
    public void LoadByName_NoConflistMatch_FallsBackToSortedConfAndJson()
    {
        // Arrange
        _dir.Write("10-other.conflist", List("other", "bridge"));
        _dir.Write("20-net.json", Single("net", "from-json"));
        _dir.Write("30-net.conf", Single("net", "from-conf"));

        // Act
        var list = ConfigLoader.LoadByName(_dir.Path, "net");

        // Assert
        list.Plugins.Select(p => p.Type).Should().Equal("from-json");
        list.CniVersion.Should().Be("0.4.0");
    }

    [Fact]
    public void LoadByName_BrokenConfDuringFallback_AbortsLookup()
    {
        // Arrange
        var broken = _dir.Write("10-broken.conf", """{"name":"broken"}""");
        _dir.Write("20-net.conf", Single("net", "bridge"));

        // Act
        var act = () => ConfigLoader.LoadByName(_dir.Path, "net");

        // Assert
        act.Should().Throw<ConfigException>().Which.Path.Should().Be(broken);
    }

    [Fact]
    public void LoadByName_NameComparison_IsCaseSensitive()
    {
        // Arrange
        _dir.Write("10-net.conflist", List("Net", "bridge"));

        // Act
        var act = () => ConfigLoader.LoadByName(_dir.Path, "net");

        // Assert
        act.Should().Throw<NetworkNotFoundException>();
    }

    [Fact]
    public void LoadByName_OnlyConflistsWithoutMatch_ThrowsNotFoundNamingTheNetwork()
    {
        // Arrange
        _dir.Write("10-other.conflist", List("other", "bridge"));

        // Act
        var act = () => ConfigLoader.LoadByName(_dir.Path, "net");

        // Assert
        act.Should().Throw<NetworkNotFoundException>()
            .Which.Message.Should().Be($"no net configuration with name \"net\" in {_dir.Path}");
    }

    [Fact]
    public void LoadByName_ConfsWithoutMatch_ThrowsNotFoundNamingTheNetwork()
    {
        // Arrange
        _dir.Write("10-other.conf", Single("other", "bridge"));

        // Act
        var act = () => ConfigLoader.LoadByName(_dir.Path, "net");

        // Assert
        act.Should().Throw<NetworkNotFoundException>()
            .Which.Message.Should().Be($"no net configuration with name \"net\" in {_dir.Path}");
    }

    [Fact]
    public void LoadByName_NoConfigFiles_ThrowsNoConfigurationsFound()
    {
        // Arrange: wrong-case extensions, other extensions and directories do not count (R2).
        _dir.Write("10-net.CONFLIST", List("net", "bridge"));
        _dir.Write("10-net.conflist.bak", List("net", "bridge"));
        _dir.Write("20.conflist/inner.conf", Single("net", "bridge"));

        // Act
        var act = () => ConfigLoader.LoadByName(_dir.Path, "net");

        // Assert
        act.Should().Throw<NetworkNotFoundException>()
            .Which.Message.Should().Be($"no net configurations found in {_dir.Path}");
    }

    [Fact]
    public void LoadByName_MissingDirectory_ThrowsNoConfigurationsFound()
    {
        // Arrange
        var missing = Path.Join(_dir.Path, "absent");

        // Act
        var act = () => ConfigLoader.LoadByName(missing, "net");

        // Assert
        act.Should().Throw<NetworkNotFoundException>()
            .Which.Message.Should().Be($"no net configurations found in {missing}");
    }

    [Fact]
    public void LoadByName_ConflistWithSiblingFolder_IncludesSiblingPlugins()
    {
        // Arrange
        _dir.Write("10-net.conflist", """{"cniVersion":"1.1.0","name":"net"}""");
        _dir.Write("net/a.conf", """{"type":"sibling"}""");

        // Act
        var list = ConfigLoader.LoadByName(_dir.Path, "net");

        // Assert
        list.Plugins.Select(p => p.Type).Should().Equal("sibling");
    }

    [Fact]
    public void ListConfigFiles_MixedEntries_ReturnsConfigFilesInOrdinalOrder()
    {
        // Arrange
        _dir.Write("b.json", "{}");
        _dir.Write("a.conflist", "{}");
        _dir.Write("C.conf", "{}");
        _dir.Write("notes.txt", "");
        _dir.Write("d.CONF", "{}");
        _dir.Write("sub.conf/x.conf", "{}");

        // Act
        var files = ConfigLoader.ListConfigFiles(_dir.Path);

        // Assert
        files.Select(Path.GetFileName).Should().Equal("C.conf", "a.conflist", "b.json");
    }

    [Fact]
    public void ListConfigFiles_MissingDirectory_ReturnsEmpty()
    {
        // Act
        var files = ConfigLoader.ListConfigFiles(Path.Join(_dir.Path, "absent"));

        // Assert
        files.Should().BeEmpty();
    }

    [Fact]
    public void LoadAll_BrokenFile_IsReportedAndOthersStillLoad()
    {
        // Arrange
        _dir.Write("00-broken.conflist", "{");
        _dir.Write("10-net.conflist", List("net", "bridge"));
        _dir.Write("20-legacy.conf", Single("legacy", "ptp"));

        // Act
        var results = ConfigLoader.LoadAll(_dir.Path);

        // Assert
        results.Select(r => Path.GetFileName(r.Path)).Should().Equal("00-broken.conflist", "10-net.conflist", "20-legacy.conf");
        results[0].IsValid.Should().BeFalse();
        results[0].List.Should().BeNull();
        results[0].Error!.Message.Should().Contain("invalid JSON at line 1, column 2");
        results[1].List!.Name.Should().Be("net");
        results[2].List!.Name.Should().Be("legacy");
        results[2].Error.Should().BeNull();
    }
}
