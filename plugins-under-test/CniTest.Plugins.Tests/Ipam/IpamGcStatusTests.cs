using CniTest.Ipam;
using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Hosting;
using CniTest.Plugins.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Ipam;

public sealed class IpamGcStatusTests : IDisposable
{
    private readonly IpamScratch _scratch = new();
    private readonly HostLocalIpam _ipam = new();

    [Fact]
    public void Gc_ValidAttachments_KeepsThemAndReleasesTheRest()
    {
        // Arrange (P37)
        var config = _scratch.Config(IpamScratch.DualStack);
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "a"));
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "b"));
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "a", "eth1"));

        // Act
        _ipam.Gc(IpamScratch.Args(CniCommand.Gc, config, "", ""), [new Attachment("a", "eth0")]);

        // Assert
        _scratch.Files().Should().Equal("10.10.0.2", "fd00:10::2", "last_reserved_ip.0", "last_reserved_ip.1", "lock");
        _scratch.Read("10.10.0.2").Should().Be("a\r\neth0");
    }

    [Fact]
    public void Gc_NoValidAttachments_ReleasesEverythingAndAllowsReallocation()
    {
        // Arrange
        var config = _scratch.Config();
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "a"));

        // Act
        _ipam.Gc(IpamScratch.Args(CniCommand.Gc, config, "", ""), []);

        // Assert: the attachment index forgot it too, so the same attachment can ADD again
        _scratch.Files().Should().Equal("last_reserved_ip.0", "lock");
        var act = () => _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "a"));
        act.Should().NotThrow();
    }

    [Fact]
    public void Gc_ThroughHostWithLegacyKey_ReleasesStaleReservation()
    {
        // Arrange: the tagged 1.1.0 key, via the whole skel path
        var config = _scratch.Config();
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "a"));
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "b"));
        config["cni.dev/attachments"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"containerID":"b","ifname":"eth0"}]""");
        var env = new Dictionary<string, string> { ["CNI_COMMAND"] = "GC", ["CNI_PATH"] = "/nonexistent" };

        // Act
        var outcome = HostRun.Run(_ipam, env, config.ToJsonString());

        // Assert
        outcome.ExitCode.Should().Be(0, outcome.Stdout);
        _scratch.Files().Should().Equal("10.10.0.3", "last_reserved_ip.0", "lock");
    }

    [Fact]
    public void Status_Healthy_Succeeds()
    {
        var act = () => _ipam.Status(IpamScratch.Args(CniCommand.Status, _scratch.Config(IpamScratch.DualStack), "", ""));

        act.Should().NotThrow();
    }

    [Fact]
    public void Status_RangeExhausted_FailsWithCode50AndAddStillWorksAfterRelease()
    {
        // Arrange: 10.10.0.0/30 holds exactly one address
        var config = _scratch.Config("""[[{"subnet":"10.10.0.0/30"}]]""");
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "a"));

        // Act
        var act = () => _ipam.Status(IpamScratch.Args(CniCommand.Status, config, "", ""));

        // Assert (P45, P47)
        act.Should().Throw<CniPluginException>().Which.Code.Should().Be(CniErrorCodes.PluginNotAvailable);
        _ipam.Del(IpamScratch.Args(CniCommand.Del, config, "a"));
        act.Should().NotThrow();
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "b")).Ips.Single().Address.ToString().Should().Be("10.10.0.2/30");
    }

    [Fact]
    public void Status_DataDirUnusable_FailsWithCode50()
    {
        // Arrange: a data directory below a regular file can never be created
        var file = Path.Combine(_scratch.DataDir, "not-a-dir");
        File.WriteAllText(file, "");
        var config = _scratch.Config(dataDir: Path.Combine(file, "data"));

        // Act
        var act = () => _ipam.Status(IpamScratch.Args(CniCommand.Status, config, "", ""));

        // Assert
        act.Should().Throw<CniPluginException>().Which.Code.Should().Be(CniErrorCodes.PluginNotAvailable);
    }

    public void Dispose() => _scratch.Dispose();
}
