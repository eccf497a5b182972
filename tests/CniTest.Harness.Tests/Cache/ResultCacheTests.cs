using System.Text.Json.Nodes;
using CniTest.Harness.Cache;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Cache;

/// <summary>The result cache: libcni's layout and its tolerance of missing, empty and corrupt files (R37–R40).</summary>
public sealed class ResultCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cnitest-cache-").FullName;

    private static CachedAttachment Entry(string id = "ctr1") => new()
    {
        ContainerId = id,
        IfName = "eth0",
        NetworkName = "net1",
        Config = "{\"name\":\"net1\"}"u8.ToArray(),
        Netns = "/run/netns/x",
        CniArgs = [new("K", "V")],
        Result = JsonNode.Parse("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.2/24"}]}""")!.AsObject(),
    };

    [Fact]
    public void Write_Entry_UsesLibcniPathAndShape()
    {
        // Arrange
        var cache = new ResultCache(_dir);

        // Act
        cache.Write(Entry());

        // Assert
        var path = Path.Combine(_dir, "results", "net1-ctr1-eth0");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json.Select(p => p.Key).Should().Equal("kind", "containerId", "config", "ifName", "networkName", "netns", "cniArgs", "result");
        json["kind"]!.GetValue<string>().Should().Be("cniCacheV1");
        json["config"]!.GetValue<string>().Should().Be(Convert.ToBase64String("{\"name\":\"net1\"}"u8.ToArray()));
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Write_Entry_IsGoCachedInfoTextByteForByte()
    {
        // Arrange: every optional field, and text the default encoder escapes (Go's json.Marshal escapes <, > and & too)
        var cache = new ResultCache(_dir);
        var entry = Entry() with
        {
            CapabilityArgs = JsonNode.Parse("""{"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}],"x":"<&>"}""")!.AsObject(),
        };

        // Act
        cache.Write(entry);

        // Assert
        File.ReadAllText(cache.PathFor("net1", "ctr1", "eth0")).Should().Be(
            """{"kind":"cniCacheV1","containerId":"ctr1","config":"eyJuYW1lIjoibmV0MSJ9","ifName":"eth0","networkName":"net1","netns":"/run/netns/x","cniArgs":[["K","V"]],"capabilityArgs":{"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}],"x":"\u003C\u0026\u003E"},"result":{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.2/24"}]}}""");
    }

    [Fact]
    public void Write_Twice_ReplacesTheEntryAndLeavesNoTemporaryFile()
    {
        // Arrange: write-then-rename (cni#1055); a stale temporary file of a dead process is not in the way
        var cache = new ResultCache(_dir);
        cache.Write(Entry());

        // Act
        cache.Write(Entry() with { Netns = "/run/netns/y" });

        // Assert
        Directory.GetFiles(Path.Combine(_dir, "results")).Select(Path.GetFileName).Should().Equal("net1-ctr1-eth0");
        cache.Read("net1", "ctr1", "eth0").Entry!.Netns.Should().Be("/run/netns/y");
        File.GetUnixFileMode(cache.PathFor("net1", "ctr1", "eth0")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Write_AfterTheFolderWasRemoved_CreatesItAgainWithMode0700()
    {
        // Arrange: the folder is created only when a write finds it missing, so removing it between writes must not break the next
        var cache = new ResultCache(_dir);
        cache.Write(Entry("a"));
        Directory.Delete(_dir, recursive: true);

        // Act
        cache.Write(Entry("b"));

        // Assert
        cache.Read("net1", "b", "eth0").Status.Should().Be(CacheReadStatus.Found);
        File.GetUnixFileMode(Path.Combine(_dir, "results")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(_dir).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void Read_AfterWrite_RoundTrips()
    {
        // Arrange
        var cache = new ResultCache(_dir);
        cache.Write(Entry());

        // Act
        var (status, entry, _) = cache.Read("net1", "ctr1", "eth0");

        // Assert
        status.Should().Be(CacheReadStatus.Found);
        entry!.CniArgs.Should().Equal([new KeyValuePair<string, string>("K", "V")]);
        entry.Result!["ips"]![0]!["address"]!.GetValue<string>().Should().Be("10.0.0.2/24");
    }

    [Fact]
    public void Read_NoFile_IsMissing()
    {
        new ResultCache(_dir).Read("net1", "nobody", "eth0").Status.Should().Be(CacheReadStatus.Missing);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"kind\":\"cniCacheV1\",")]
    [InlineData("[1,2]")]
    [InlineData("{\"kind\":\"cniCacheV1\",\"containerId\":\"c\",\"config\":\"%%%not base64\"}")]
    public void Read_EmptyOrCorruptFile_IsCorruptNotAnException(string content)
    {
        // Arrange: bug cni#1055: a reboot mid-ADD left a zero-byte cache and every DEL failed after it
        var cache = new ResultCache(_dir);
        Directory.CreateDirectory(Path.Combine(_dir, "results"));
        File.WriteAllText(cache.PathFor("net1", "ctr1", "eth0"), content);

        // Act
        var (status, entry, problem) = cache.Read("net1", "ctr1", "eth0");

        // Assert
        status.Should().Be(CacheReadStatus.Corrupt);
        entry.Should().BeNull();
        problem.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Read_LegacyBareResult_IsFound()
    {
        // Arrange: pre-2019 libcni stored the bare result (R38)
        var cache = new ResultCache(_dir);
        Directory.CreateDirectory(Path.Combine(_dir, "results"));
        File.WriteAllText(cache.PathFor("net1", "ctr1", "eth0"), """{"cniVersion":"0.3.1","ips":[]}""");

        // Act
        var (status, entry, _) = cache.Read("net1", "ctr1", "eth0");

        // Assert
        status.Should().Be(CacheReadStatus.Found);
        entry!.Result!["cniVersion"]!.GetValue<string>().Should().Be("0.3.1");
    }

    [Fact]
    public void List_SkipsUnreadableFilesAndFiltersByContainer()
    {
        // Arrange
        var cache = new ResultCache(_dir);
        cache.Write(Entry("a"));
        cache.Write(Entry("b"));
        File.WriteAllText(Path.Combine(_dir, "results", "net1-broken-eth0"), "");

        // Act / Assert
        cache.List().Select(e => e.ContainerId).Should().Equal("a", "b");
        cache.List("b").Should().ContainSingle().Which.ContainerId.Should().Be("b");
    }

    [Fact]
    public void Delete_Missing_DoesNotThrow()
    {
        var act = () => new ResultCache(_dir).Delete("net1", "nobody", "eth0");
        act.Should().NotThrow();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
