using System.Net.NetworkInformation;
using CniTest.Netlink.Namespaces;
using CniTest.Netlink.Rtnl;
using CniTest.Netlink.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Netlink.Tests.Integration;

/// <summary>Link verbs against the real kernel, inside namespaces the test creates (never the machine's own).</summary>
public sealed class LinkIntegrationTests : IDisposable
{
    private readonly TempNamespaces _namespaces = new();

    public void Dispose() => _namespaces.Dispose();

    [PrivilegedFact(RootOnly = true)]
    public void LinkAddVeth_PeerInOtherNamespace_EachEndLivesInItsNamespace()
    {
        // Arrange
        var host = _namespaces.Create("host");
        var container = _namespaces.Create("container");
        using var containerHandle = NetnsHandle.Open(container);

        // Act
        var hostEnd = NetnsThread.Run(host, () =>
        {
            using var rtnl = new RtnlHandle();
            rtnl.LinkAddVeth("veth0", "eth0", containerHandle, mtu: 1400);
            return rtnl.LinkGetByName("veth0");
        });
        var (containerEnd, containerHasVeth0) = NetnsThread.Run(container, () =>
        {
            using var rtnl = new RtnlHandle();
            return (rtnl.LinkGetByName("eth0"), rtnl.LinkFindByName("veth0") is not null);
        });

        // Assert
        hostEnd.Kind.Should().Be("veth");
        hostEnd.Mtu.Should().Be(1400);
        hostEnd.LinkNetnsId.Should().NotBeNull("the peer is in another namespace");
        hostEnd.PeerIndex.Should().Be(containerEnd.Index);
        containerEnd.Kind.Should().Be("veth");
        containerEnd.Mtu.Should().Be(1400);
        containerHasVeth0.Should().BeFalse();
    }

    [PrivilegedFact(RootOnly = true)]
    public void BridgePort_MasterHairpinPromiscMtuUp_ReadBackFromTheKernel()
    {
        // Arrange
        var ns = _namespaces.Create("bridge");

        // Act
        var (bridge, port) = NetnsThread.Run(ns, () =>
        {
            using var rtnl = new RtnlHandle();
            rtnl.LinkAddBridge("cni0", mtu: 1450);
            rtnl.LinkAddVeth("veth0", "veth1");
            var br = rtnl.LinkGetByName("cni0");
            var veth = rtnl.LinkGetByName("veth0");
            rtnl.LinkSetMaster(veth.Index, br.Index);
            rtnl.LinkSetBridgePortHairpin(veth.Index, on: true);
            rtnl.LinkSetPromisc(br.Index, on: true);
            rtnl.LinkSetMtu(veth.Index, 1450);
            rtnl.LinkSetUp(br.Index);
            rtnl.LinkSetUp(veth.Index);
            return (rtnl.LinkGetByIndex(br.Index), rtnl.LinkGetByIndex(veth.Index));
        });

        // Assert
        bridge.Kind.Should().Be("bridge");
        bridge.Mtu.Should().Be(1450);
        bridge.IsUp.Should().BeTrue();
        bridge.IsPromiscuous.Should().BeTrue();
        port.MasterIndex.Should().Be(bridge.Index);
        port.SlaveKind.Should().Be("bridge");
        port.BridgePortHairpin.Should().BeTrue();
        port.Mtu.Should().Be(1450);
        port.IsUp.Should().BeTrue();
    }

    [PrivilegedFact(RootOnly = true)]
    public void LinkAddBridge_NameTaken_FailsWithEexistSoCallersCanTolerateTheRace()
    {
        // Arrange (plugins#366: two ADDs racing to create cni0)
        var ns = _namespaces.Create("race");

        // Act
        var act = () => NetnsThread.Run(ns, () =>
        {
            using var rtnl = new RtnlHandle();
            rtnl.LinkAddBridge("cni0");
            rtnl.LinkAddBridge("cni0");
        });

        // Assert
        act.Should().Throw<NetlinkException>().Which.Errno.Should().Be(Errno.EEXIST);
    }

    [PrivilegedFact(RootOnly = true)]
    public void LinkGetAndDel_MissingLink_ThrowLinkNotFound()
    {
        // Arrange
        var ns = _namespaces.Create("missing");

        // Act
        var errors = NetnsThread.Run(ns, () =>
        {
            using var rtnl = new RtnlHandle();
            var list = new List<Exception?>
            {
                Record.Exception(() => rtnl.LinkGetByName("nosuch0")),
                Record.Exception(() => rtnl.LinkGetByIndex(4242)),
                Record.Exception(() => rtnl.LinkDel(4242)),
                Record.Exception(() => rtnl.LinkSetUp(4242)),
            };
            list.Add(rtnl.LinkFindByName("nosuch0") is null ? null : new InvalidOperationException("found"));
            return list;
        });

        // Assert
        errors.Take(4).Should().AllBeOfType<LinkNotFoundException>();
        errors[4].Should().BeNull();
    }

    [PrivilegedFact(RootOnly = true)]
    public void LinkSetNameAndAddress_LinkDown_RenamesAndSetsMac()
    {
        // Arrange
        var ns = _namespaces.Create("rename");
        var mac = PhysicalAddress.Parse("02-42-AC-11-00-02");

        // Act
        var (renamed, oldNameGone, list) = NetnsThread.Run(ns, () =>
        {
            using var rtnl = new RtnlHandle();
            rtnl.LinkAddVeth("tmp0", "tmp1");
            var link = rtnl.LinkGetByName("tmp0");
            rtnl.LinkSetName(link.Index, "eth0");
            rtnl.LinkSetHardwareAddress(link.Index, mac);
            rtnl.LinkSetAlias(link.Index, "cnitest-bridge c1/eth0");
            rtnl.LinkSetUp(link.Index);
            rtnl.LinkSetDown(link.Index);
            return (rtnl.LinkGetByIndex(link.Index), rtnl.LinkFindByName("tmp0") is null, rtnl.LinkList());
        });

        // Assert
        renamed.Name.Should().Be("eth0");
        renamed.HardwareAddress.Should().Be(mac);
        renamed.Alias.Should().Be("cnitest-bridge c1/eth0");
        renamed.IsUp.Should().BeFalse();
        oldNameGone.Should().BeTrue();
        list.Select(l => l.Name).Should().BeEquivalentTo("lo", "eth0", "tmp1");
    }

    [PrivilegedFact(RootOnly = true)]
    public void LinkSetNetnsFd_OtherNamespace_MovesTheLink()
    {
        // Arrange
        var a = _namespaces.Create("a");
        var b = _namespaces.Create("b");
        using var bHandle = NetnsHandle.Open(b);

        // Act
        var leftInA = NetnsThread.Run(a, () =>
        {
            using var rtnl = new RtnlHandle();
            rtnl.LinkAddVeth("mv0", "mv1");
            rtnl.LinkSetNetnsFd(rtnl.LinkGetByName("mv1").Index, bHandle);
            return rtnl.LinkList().Select(l => l.Name).ToList();
        });
        var inB = NetnsThread.Run(b, () =>
        {
            using var rtnl = new RtnlHandle();
            return rtnl.LinkList().Select(l => l.Name).ToList();
        });

        // Assert
        leftInA.Should().BeEquivalentTo("lo", "mv0");
        inB.Should().BeEquivalentTo("lo", "mv1");
    }

    [PrivilegedFact(RootOnly = true)]
    public void LinkAddMacvlan_OnVeth_CreatesMacvlanWithParent()
    {
        // Arrange
        var ns = _namespaces.Create("macvlan");

        // Act
        var (macvlan, lower) = NetnsThread.Run(ns, () =>
        {
            using var rtnl = new RtnlHandle();
            rtnl.LinkAddVeth("lower0", "lower1");
            var lowerLink = rtnl.LinkGetByName("lower0");
            rtnl.LinkAddMacvlan("mv0", lowerLink.Index, MacvlanMode.Bridge);
            return (rtnl.LinkGetByName("mv0"), lowerLink);
        });

        // Assert
        macvlan.Kind.Should().Be("macvlan");
        macvlan.ParentIndex.Should().Be(lower.Index);
    }

    [PrivilegedFact(RootOnly = true)]
    public void LinkDel_Veth_RemovesBothEnds()
    {
        // Arrange
        var ns = _namespaces.Create("del");

        // Act
        var names = NetnsThread.Run(ns, () =>
        {
            using var rtnl = new RtnlHandle();
            rtnl.LinkAddVeth("d0", "d1");
            rtnl.LinkDel(rtnl.LinkGetByName("d0").Index);
            return rtnl.LinkList().Select(l => l.Name).ToList();
        });

        // Assert
        names.Should().Equal("lo");
    }
}
