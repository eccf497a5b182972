using System.Text.Json.Nodes;
using CniTest.Plugins.Tests.Bridge.Support;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Tests.Shared;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Lifecycle;

/// <summary>GC (P37-P42) and STATUS (P44-P46) at 1.1.0, with the fake plugin as a recording IPAM.</summary>
public sealed class GcStatusTests : IDisposable
{
    private readonly BridgeHost _host = new();
    private readonly FakePluginDirectory _fake = new();

    public void Dispose()
    {
        _host.Dispose();
        _fake.Dispose();
    }

    [PrivilegedFact(Timeout = 120_000)]
    public async Task Gc_OneOfTwoAttachmentsStale_RemovesItsVethAndRulesAndForwardsTheListToIpam()
    {
        // Arrange: no result cache, so the runtime cannot DEL the stale one itself and GC must do the work
        var ct = TestContext.Current.CancellationToken;
        _fake.Add("fake-ipam", new JsonObject { ["log"] = _fake.LogPath("fake-ipam") });
        var keep = _host.NewContainer("keep");
        var stale = _host.NewContainer("stale");
        var list = BridgeHost.Conf(BridgeConfs.FakeIpam(extra: "\"ipMasq\":true,"));
        var runtime = _host.Runtime(cache: false, _fake.Path);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("keep", keep.Path, "eth0"), ct);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("stale", stale.Path, "eth0"), ct);

        // Act
        await runtime.GcNetworkListAsync(list, new GcArgs([new GcAttachment("keep", "eth0")]), ct);

        // Assert
        FakeHost.Links(keep.Path).Should().Contain("eth0");
        FakeHost.Links(stale.Path).Should().Equal("lo");
        FakeHost.Links(_host.Host.Path).Count(l => l.StartsWith("veth", StringComparison.Ordinal)).Should().Be(1);
        NetworkState.NatRules(_host.Host.Path).Should().OnlyContain(r => !r.Contains("id: \\\"stale\\\""))
            .And.Contain(r => r.Contains("id: \\\"keep\\\""));
        var gc = _fake.Calls("fake-ipam").Should().ContainSingle(c => c["command"]!.GetValue<string>() == "GC").Which;
        var stdin = JsonNode.Parse(gc["stdin"]!.GetValue<string>())!;
        stdin["cni.dev/valid-attachments"]!.AsArray().Select(a => a!["containerID"]!.GetValue<string>()).Should().Equal("keep");
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Gc_NoValidAttachments_RemovesEveryVethOfTheNetwork()
    {
        // Arrange (P42: an empty list)
        var ct = TestContext.Current.CancellationToken;
        _fake.Add("fake-ipam", new JsonObject());
        var container = _host.NewContainer("c1");
        var list = BridgeHost.Conf(BridgeConfs.FakeIpam());
        var runtime = _host.Runtime(cache: false, _fake.Path);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("c1", container.Path, "eth0"), ct);

        // Act
        await runtime.GcNetworkListAsync(list, new GcArgs([]), ct);

        // Assert
        FakeHost.Links(container.Path).Should().Equal("lo");
        FakeHost.Links(_host.Host.Path).Should().BeEquivalentTo("lo", BridgeConfs.BridgeName);
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Status_Healthy_SucceedsAndAsksIpam()
    {
        // Arrange (P44, P46)
        _fake.Add("fake-ipam", new JsonObject { ["log"] = _fake.LogPath("fake-ipam") });
        var list = BridgeHost.Conf(BridgeConfs.FakeIpam());

        // Act
        await _host.Runtime(cache: false, _fake.Path).StatusNetworkListAsync(list, TestContext.Current.CancellationToken);

        // Assert
        _fake.Calls("fake-ipam").Select(c => c["command"]!.GetValue<string>()).Should().Equal("STATUS");
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Status_IpamUnavailable_PassesItsErrorOn()
    {
        // Arrange (P45, P46)
        _fake.Add("fake-ipam", new JsonObject
        {
            ["commands"] = new JsonObject { ["STATUS"] = new JsonObject { ["error"] = new JsonObject { ["code"] = 50, ["msg"] = "range exhausted" } } },
        });
        var list = BridgeHost.Conf(BridgeConfs.FakeIpam());

        // Act
        var act = () => _host.Runtime(cache: false, _fake.Path).StatusNetworkListAsync(list, TestContext.Current.CancellationToken);

        // Assert
        var error = (await act.Should().ThrowAsync<PluginErrorException>()).Which;
        error.Code.Should().Be(50);
        error.Message.Should().Contain("range exhausted");
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Status_BridgeNameTakenByAnotherKindOfLink_NotAvailable()
    {
        // Arrange: every ADD would fail, so STATUS must say so (code 50)
        _fake.Add("fake-ipam", new JsonObject());
        BridgeHost.Run(_host.Host.Path, "ip", "link", "add", BridgeConfs.BridgeName, "type", "veth", "peer", "name", "other0");
        var list = BridgeHost.Conf(BridgeConfs.FakeIpam());

        // Act
        var act = () => _host.Runtime(cache: false, _fake.Path).StatusNetworkListAsync(list, TestContext.Current.CancellationToken);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Code.Should().Be(50);
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Gc_WithOwnIpam_ReleasesTheStaleReservationAndKeepsTheValidOne()
    {
        // Arrange (P37, P38): GC goes to cnitest-ipam in-process
        var ct = TestContext.Current.CancellationToken;
        var keep = _host.NewContainer("keep");
        var stale = _host.NewContainer("stale");
        var list = BridgeHost.Conf(BridgeConfs.OwnIpam(_host, "1.1.0"));
        var runtime = _host.Runtime(cache: false);
        var kept = (await runtime.AddNetworkListAsync(list, new RuntimeConf("keep", keep.Path, "eth0"), ct)).ToJson()["ips"]![0]!["address"]!.GetValue<string>();
        await runtime.AddNetworkListAsync(list, new RuntimeConf("stale", stale.Path, "eth0"), ct);

        // Act
        await runtime.GcNetworkListAsync(list, new GcArgs([new GcAttachment("keep", "eth0")]), ct);

        // Assert
        _host.IpamReservations().Should().Equal(kept.Split('/')[0]);
        FakeHost.Links(stale.Path).Should().Equal("lo");
        FakeHost.Links(keep.Path).Should().Contain("eth0");
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Status_WithOwnIpamAndAnExhaustedRange_NotAvailable()
    {
        // Arrange (P45): a /30 holds one usable address besides the gateway
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewContainer("only");
        var list = BridgeHost.Conf(BridgeConfs.OwnIpam(_host, "1.1.0").Replace(BridgeConfs.Subnet, "10.250.0.0/30"));
        var runtime = _host.Runtime(cache: false);
        await runtime.StatusNetworkListAsync(list, ct);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("only", container.Path, "eth0"), ct);

        // Act
        var act = () => runtime.StatusNetworkListAsync(list, ct);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Code.Should().Be(50);
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Add_OwnIpamNotInCniPath_FailsLikeTheExecWouldHave()
    {
        // Arrange: in-process delegation must not be observable, so a missing binary is still an error
        var container = _host.NewContainer("nopath");
        var list = BridgeHost.Conf(BridgeConfs.OwnIpam(_host, "1.0.0"));
        var runtime = new CniRuntime(new RuntimeOptions { PluginPath = [OnlyBridgeDir()], Executor = _host.Executor });

        // Act
        var act = () => runtime.AddNetworkListAsync(list, new RuntimeConf("nopath", container.Path, "eth0"), TestContext.Current.CancellationToken);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Message.Should().Contain("failed to find plugin \"cnitest-ipam\"");
        FakeHost.Links(container.Path).Should().Equal("lo");
        _host.IpamReservations().Should().BeEmpty();
    }

    /// <summary>A directory holding only a link to cnitest-bridge (its own folder, build or publish, also holds cnitest-ipam).</summary>
    private string OnlyBridgeDir()
    {
        var dir = Path.Combine(_host.Dir, "bridge-only");
        Directory.CreateDirectory(dir);
        File.CreateSymbolicLink(Path.Combine(dir, "cnitest-bridge"), Path.Combine(BridgeHost.PluginDir, "cnitest-bridge"));
        return dir;
    }
}
