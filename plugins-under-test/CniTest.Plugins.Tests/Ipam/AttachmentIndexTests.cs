using CniTest.Ipam;
using CniTest.Ipam.Store;
using CniTest.PluginSdk.Hosting;
using CniTest.Plugins.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Ipam;

/// <summary>The index outside the network directory is a cache that can never make us miss a reservation.</summary>
public sealed class AttachmentIndexTests : IDisposable
{
    private readonly IpamScratch _scratch = new();
    private readonly HostLocalIpam _ipam = new();

    [Fact]
    public void Add_Always_LeavesTheNetworkDirectoryInHostLocalLayout()
    {
        _ipam.Add(IpamScratch.Args(CniCommand.Add, _scratch.Config()));

        Directory.EnumerateFileSystemEntries(_scratch.DataDir).Select(Path.GetFileName)
            .Should().BeEquivalentTo(IpamScratch.Network, AttachmentIndex.RootName);
        Directory.EnumerateDirectories(_scratch.NetworkDir).Should().BeEmpty();
    }

    [Fact]
    public void Del_ReservationWrittenByAnotherImplementation_IsFound()
    {
        // Arrange: simulate Go's host-local reserving under the same lock: IP file + cursor
        var config = _scratch.Config();
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "ours"));
        File.WriteAllText(Path.Combine(_scratch.NetworkDir, "10.10.0.3"), "theirs\r\neth0");
        File.WriteAllText(Path.Combine(_scratch.NetworkDir, "last_reserved_ip.0"), "10.10.0.3");

        // Act
        _ipam.Del(IpamScratch.Args(CniCommand.Del, config, "theirs"));

        // Assert
        _scratch.Files().Should().Equal("10.10.0.2", "last_reserved_ip.0", "lock");
    }

    [Fact]
    public void Add_IndexDeleted_IsRebuiltAndStillDetectsDuplicates()
    {
        var config = _scratch.Config();
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c1"));
        Directory.Delete(Path.Combine(_scratch.DataDir, AttachmentIndex.RootName), recursive: true);

        var act = () => _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c1"));

        act.Should().Throw<PluginSdk.Errors.CniPluginException>().Which.Msg.Should().Contain("duplicate");
    }

    [Fact]
    public void Del_StaleIndexEntryForAReusedAddress_DoesNotReleaseTheNewOwner()
    {
        // Arrange: c1's address is removed behind our back and taken by someone else
        var config = _scratch.Config();
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, "c1"));
        File.WriteAllText(Path.Combine(_scratch.NetworkDir, "10.10.0.2"), "other\r\neth0");

        // Act
        _ipam.Del(IpamScratch.Args(CniCommand.Del, config, "c1"));

        // Assert
        _scratch.Read("10.10.0.2").Should().Be("other\r\neth0");
    }

    [Fact]
    public void AddDel_ContainerIdLongerThanAFileName_Work()
    {
        // Arrange: the index file name is hashed when "<id>:<ifname>" would not fit NAME_MAX
        var config = _scratch.Config();
        var id = new string('a', 300);
        _ipam.Add(IpamScratch.Args(CniCommand.Add, config, id));

        // Act
        var duplicate = () => _ipam.Add(IpamScratch.Args(CniCommand.Add, config, id));
        var check = () => _ipam.Check(IpamScratch.Args(CniCommand.Check, config, id));

        // Assert
        duplicate.Should().Throw<PluginSdk.Errors.CniPluginException>();
        check.Should().NotThrow();
        _ipam.Del(IpamScratch.Args(CniCommand.Del, config, id));
        _scratch.Files().Should().Equal("last_reserved_ip.0", "lock");
    }

    public void Dispose() => _scratch.Dispose();
}
