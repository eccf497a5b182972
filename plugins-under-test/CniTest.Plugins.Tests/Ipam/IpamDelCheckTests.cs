using CniTest.Ipam;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Hosting;
using CniTest.PluginSdk.Results;
using CniTest.Plugins.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Ipam;

public sealed class IpamDelCheckTests : IDisposable
{
    private readonly IpamScratch _scratch = new();
    private readonly HostLocalIpam _ipam = new();

    [Fact]
    public void Del_Twice_ReleasesOnlyThatAttachmentAndSucceeds()
    {
        // Arrange
        var config = _scratch.Config(IpamScratch.DualStack);
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c1"));
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c1", "eth1"));

        // Act (P26)
        _ipam.Del(IpamScratch.Args(CniCommand.Del, config, "c1"));
        _ipam.Del(IpamScratch.Args(CniCommand.Del, config, "c1"));

        // Assert
        _scratch.Files().Should().Equal("10.10.0.3", "fd00:10::3", "last_reserved_ip.0", "last_reserved_ip.1", "lock");
    }

    [Fact]
    public void Del_NeverAdded_SucceedsAndCreatesTheDirectoryLikeHostLocal()
    {
        var config = _scratch.Config();

        _ipam.Del(IpamScratch.Args(CniCommand.Del, config, "nobody"));

        _scratch.Files().Should().Equal("lock");
    }

    [Fact]
    public void Del_LegacyIdOnlyFile_IsReleased()
    {
        // Arrange: very old host-local wrote only the container id.
        var config = _scratch.Config();
        _ipam.Del(IpamScratch.Args(CniCommand.Del, config, "warmup"));
        File.WriteAllText(Path.Combine(_scratch.NetworkDir, "10.10.0.9"), "old");
        File.WriteAllText(Path.Combine(_scratch.NetworkDir, "last_reserved_ip.0"), "10.10.0.9");

        // Act
        _ipam.Del(IpamScratch.Args(CniCommand.Del, config, "old"));

        // Assert
        _scratch.Files().Should().NotContain("10.10.0.9");
    }

    [Fact]
    public void Check_AfterAdd_SucceedsWithAndWithoutPrevResult()
    {
        var config = _scratch.Config();
        var result = _ipam.Add(IpamScratch.Args(CniCommand.Add, config));
        config["prevResult"] = System.Text.Json.Nodes.JsonNode.Parse(ResultWriter.ToUtf8Bytes(result, "1.1.0"));

        var act = () => _ipam.Check(IpamScratch.Args(CniCommand.Check, config));

        act.Should().NotThrow();
        config.Remove("prevResult");
        act.Should().NotThrow();
    }

    [Fact]
    public void Check_ReservationRemovedBehindOurBack_Fails()
    {
        // Arrange (P34)
        var config = _scratch.Config();
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config));
        File.Delete(Path.Combine(_scratch.NetworkDir, "10.10.0.2"));

        // Act
        var act = () => _ipam.Check(IpamScratch.Args(CniCommand.Check, config));

        // Assert
        act.Should().Throw<CniPluginException>().Which.Msg.Should().Contain("Failed to find address added by container c1");
    }

    [Fact]
    public void Check_PrevResultAddressNotOurs_Fails()
    {
        var config = _scratch.Config();
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config));
        config["prevResult"] = System.Text.Json.Nodes.JsonNode.Parse("""{"cniVersion":"1.1.0","ips":[{"address":"10.10.0.99/24"}]}""");

        var act = () => _ipam.Check(IpamScratch.Args(CniCommand.Check, config));

        act.Should().Throw<CniPluginException>().Which.Msg.Should().Contain("10.10.0.99");
    }

    [Fact]
    public void Check_NeverAdded_Fails()
    {
        var act = () => _ipam.Check(IpamScratch.Args(CniCommand.Check, _scratch.Config()));

        act.Should().Throw<CniPluginException>().Which.Code.Should().Be(CniErrorCodes.Internal);
    }

    public void Dispose() => _scratch.Dispose();
}
