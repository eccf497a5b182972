using CniTest.Netlink.Namespaces;
using CniTest.Netlink.Rtnl;
using CniTest.Netlink.Tests.Support;
using FluentAssertions;
using Xunit;
using SysctlFile = CniTest.Netlink.Sysctl.Sysctl;

namespace CniTest.Netlink.Tests.Integration;

/// <summary>NetnsHandle, NetnsIdentity and Sysctl: each acts on the namespace it was given and no other.</summary>
public sealed class NamespaceAndSysctlTests : IDisposable
{
    private readonly TempNamespaces _namespaces = new();

    public void Dispose() => _namespaces.Dispose();

    [PrivilegedFact(RootOnly = true)]
    public void SysctlWrite_InsideOneNamespace_LeavesTheOtherAlone()
    {
        // Arrange
        var a = _namespaces.Create("a");
        var b = _namespaces.Create("b");

        // Act
        NetnsThread.Run(a, () => SysctlFile.Write("net.ipv4.ip_forward", "1"));
        var inA = NetnsThread.Run(a, () => SysctlFile.Read("net.ipv4.ip_forward"));
        var inB = NetnsThread.Run(b, () => SysctlFile.Read("net.ipv4.ip_forward"));

        // Assert
        inA.Should().Be("1");
        inB.Should().Be("0");
    }

    [PrivilegedFact(RootOnly = true)]
    public void SysctlEnsure_PerInterfaceKey_WritesUnderConfDevice()
    {
        // Arrange
        var ns = _namespaces.Create("conf");

        // Act
        var value = NetnsThread.Run(ns, () =>
        {
            using var rtnl = new RtnlHandle();
            rtnl.LinkAddBridge("br0");
            SysctlFile.Ensure("net/ipv4/conf/br0/arp_notify", "1");
            return SysctlFile.Read("net/ipv4/conf/br0/arp_notify");
        });

        // Assert
        value.Should().Be("1");
    }

    [PrivilegedFact(RootOnly = true)]
    public void SysctlRead_Unknown_ThrowsEnoent()
    {
        // Arrange
        var ns = _namespaces.Create("unknown");

        // Act
        var act = () => NetnsThread.Run(ns, () => SysctlFile.Read("net.ipv4.no_such_key"));

        // Assert
        act.Should().Throw<NetlinkException>().Which.Errno.Should().Be(Errno.ENOENT);
    }

    [Theory]
    [InlineData("net.ipv4.ip_forward", "/proc/sys/net/ipv4/ip_forward")]
    [InlineData("net/ipv4/conf/eth0.1/forwarding", "/proc/sys/net/ipv4/conf/eth0.1/forwarding")]
    public void PathOf_Name_MapsUnderProcSys(string name, string path)
    {
        // Act / Assert
        SysctlFile.PathOf(name).Should().Be(path);
    }

    [Fact]
    public void PathOf_DotDot_Throws()
    {
        // Act
        var act = () => SysctlFile.PathOf("net/../../etc/passwd");

        // Assert
        act.Should().Throw<ArgumentException>();
    }

    [PrivilegedFact(RootOnly = true)]
    public void NetnsIdentity_SameAndDifferentNamespaces_CompareByDeviceAndInode()
    {
        // Arrange
        var a = _namespaces.Create("id-a");
        var b = _namespaces.Create("id-b");

        // Act
        var fromInside = NetnsThread.Run(a, NetnsIdentity.OfCurrentThread);
        using var handle = NetnsHandle.Open(a);

        // Assert
        NetnsIdentity.Of(a).Should().Be(fromInside);
        handle.Identity.Should().Be(fromInside);
        NetnsIdentity.Of(b).Should().NotBe(fromInside);
        NetnsIdentity.OfProcess().Should().NotBe(fromInside, "the test process stays in its own namespace");
    }

    [Fact]
    public void NetnsHandleOpen_MissingPath_ThrowsNotFound()
    {
        // Act
        var act = () => NetnsHandle.Open("/tmp/cnitest-no-such-netns-" + Guid.NewGuid());

        // Assert
        act.Should().Throw<NetnsNotFoundException>();
    }

    [Fact]
    public void NetnsHandleOpen_OrdinaryFile_ThrowsNotANetns()
    {
        // Arrange
        var file = Path.GetTempFileName();
        try
        {
            // Act
            var act = () => NetnsHandle.Open(file);

            // Assert
            act.Should().Throw<NotANetnsException>();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
