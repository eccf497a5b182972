using System.Text.Json.Nodes;
using CniTest.Plugins.Tests.Bridge.Support;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Lifecycle;

/// <summary>GC (P37-P42) and STATUS (P44-P46) at 1.1.0, with the fake plugin as a recording IPAM.</summary>
public sealed class GcStatusTests : IAsyncLifetime
{
    private readonly FakePluginDirectory _fake = new();
    private FakeHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await TestHosts.CreateAsync("cnitest-br-", ct: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        _fake.Dispose();
        return ValueTask.CompletedTask;
    }

    [PrivilegedFact(Timeout = 120_000)]
    public async Task Gc_OneOfTwoAttachmentsStale_RemovesItsVethAndRulesAndForwardsTheListToIpam()
    {
        // Arrange: no result cache, so the runtime cannot DEL the stale one itself and GC must do the work
        var ct = TestContext.Current.CancellationToken;
        _fake.Add("fake-ipam", new JsonObject { ["log"] = _fake.LogPath("fake-ipam") });
        var keep = _host.NewSandbox("keep");
        var stale = _host.NewSandbox("stale");
        var list = BridgeRuntime.Conf(BridgeConfs.FakeIpam(extra: "\"ipMasq\":true,"));
        var runtime = _host.Runtime(cache: false, _fake.Path);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("keep", keep.Path, "eth0"), ct);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("stale", stale.Path, "eth0"), ct);

        // Act
        await runtime.GcNetworkListAsync(list, new GcArgs([new GcAttachment("keep", "eth0")]), ct);

        // Assert
        (await NetnsView.ReadAsync(keep.Path)).LinkNames.Should().Contain("eth0");
        (await NetnsView.ReadAsync(stale.Path)).LinkNames.Should().Equal("lo");
        (await NetnsView.ReadAsync(_host.NetnsPath)).LinkNames.Count(l => l.StartsWith("veth", StringComparison.Ordinal)).Should().Be(1);
        (await StateSnapshot.IptablesAsync(_host.NetnsPath, "nat")).Should().OnlyContain(r => !r.Contains("id: \\\"stale\\\""))
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
        var container = _host.NewSandbox("c1");
        var list = BridgeRuntime.Conf(BridgeConfs.FakeIpam());
        var runtime = _host.Runtime(cache: false, _fake.Path);
        await runtime.AddNetworkListAsync(list, new RuntimeConf("c1", container.Path, "eth0"), ct);

        // Act
        await runtime.GcNetworkListAsync(list, new GcArgs([]), ct);

        // Assert
        (await NetnsView.ReadAsync(container.Path)).LinkNames.Should().Equal("lo");
        (await NetnsView.ReadAsync(_host.NetnsPath)).LinkNames.Should().BeEquivalentTo("lo", BridgeConfs.BridgeName);
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Status_Healthy_SucceedsAndAsksIpam()
    {
        // Arrange (P44, P46)
        _fake.Add("fake-ipam", new JsonObject { ["log"] = _fake.LogPath("fake-ipam") });
        var list = BridgeRuntime.Conf(BridgeConfs.FakeIpam());

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
        var list = BridgeRuntime.Conf(BridgeConfs.FakeIpam());

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
        await _host.IpBatchAsync($"link add {BridgeConfs.BridgeName} type veth peer name other0\n", TestContext.Current.CancellationToken);
        var list = BridgeRuntime.Conf(BridgeConfs.FakeIpam());

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
        var keep = _host.NewSandbox("keep");
        var stale = _host.NewSandbox("stale");
        var list = BridgeRuntime.Conf(BridgeConfs.OwnIpam(_host, "1.1.0"));
        var runtime = _host.Runtime(cache: false);
        var kept = (await runtime.AddNetworkListAsync(list, new RuntimeConf("keep", keep.Path, "eth0"), ct)).ToJson()["ips"]![0]!["address"]!.GetValue<string>();
        await runtime.AddNetworkListAsync(list, new RuntimeConf("stale", stale.Path, "eth0"), ct);

        // Act
        await runtime.GcNetworkListAsync(list, new GcArgs([new GcAttachment("keep", "eth0")]), ct);

        // Assert
        _host.IpamReservations().Should().Equal(kept.Split('/')[0]);
        (await NetnsView.ReadAsync(stale.Path)).LinkNames.Should().Equal("lo");
        (await NetnsView.ReadAsync(keep.Path)).LinkNames.Should().Contain("eth0");
    }

    [PrivilegedFact(Timeout = 60_000)]
    public async Task Status_WithOwnIpamAndAnExhaustedRange_NotAvailable()
    {
        // Arrange (P45): a /30 holds one usable address besides the gateway
        var ct = TestContext.Current.CancellationToken;
        var container = _host.NewSandbox("only");
        var list = BridgeRuntime.Conf(BridgeConfs.OwnIpam(_host, "1.1.0").Replace(BridgeConfs.Subnet, "10.250.0.0/30"));
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
        var container = _host.NewSandbox("nopath");
        var list = BridgeRuntime.Conf(BridgeConfs.OwnIpam(_host, "1.0.0"));
        var runtime = new CniRuntime(new RuntimeOptions { PluginPath = [OnlyBridgeDir()], Executor = _host.CreateExecutor(TestHosts.PluginTimeout) });

        // Act
        var act = () => runtime.AddNetworkListAsync(list, new RuntimeConf("nopath", container.Path, "eth0"), TestContext.Current.CancellationToken);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Message.Should().Contain("failed to find plugin \"cnitest-ipam\"");
        (await NetnsView.ReadAsync(container.Path)).LinkNames.Should().Equal("lo");
        _host.IpamReservations().Should().BeEmpty();
    }

    /// <summary>A directory holding only a link to cnitest-bridge (its own folder, build or publish, also holds cnitest-ipam).</summary>
    private string OnlyBridgeDir()
    {
        var dir = Path.Combine(_host.Dir, "bridge-only");
        Directory.CreateDirectory(dir);
        File.CreateSymbolicLink(Path.Combine(dir, "cnitest-bridge"), Path.Combine(BridgeRuntime.PluginDir, "cnitest-bridge"));
        return dir;
    }
}
