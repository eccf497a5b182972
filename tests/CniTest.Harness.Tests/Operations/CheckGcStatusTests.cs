using System.Text.Json.Nodes;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using FluentAssertions;
using Xunit;
using static CniTest.TestSupport.RecordingExecutor;

namespace CniTest.Harness.Tests.Operations;

/// <summary>CHECK (R33), GC (R34), STATUS (R35) and VERSION decoding (R18).</summary>
public sealed class CheckGcStatusTests : IDisposable
{
    private readonly RuntimeFixture _f = new();

    [Fact]
    public async Task Check_AfterAdd_RunsForwardWithCachedPrevResult()
    {
        // Arrange
        _f.Executor.Succeeding("a").Succeeding("b");
        var list = RuntimeFixture.Chain("1.0.0", "a", "b");
        await _f.Runtime.AddNetworkListAsync(list, _f.Rt);

        // Act
        await _f.Runtime.CheckNetworkListAsync(list, _f.Rt);

        // Assert
        var checks = _f.Executor.Calls.Where(c => c.Command == CniCommand.Check).ToList();
        checks.Select(c => c.Plugin).Should().Equal("a", "b");
        checks.Should().OnlyContain(c => c.Stdin["prevResult"] != null);
    }

    [Fact]
    public async Task Check_Before040_FailsEvenWithDisableCheck()
    {
        // Arrange: the version gate comes first (checklist §5.8)
        var list = RuntimeFixture.List("""{"cniVersion":"0.3.1","name":"net1","disableCheck":true,"plugins":[{"type":"a"}]}""");

        // Act
        var act = () => _f.Runtime.CheckNetworkListAsync(list, _f.Rt);

        // Assert
        (await act.Should().ThrowAsync<CniHarnessException>()).Which.Message.Should().Contain("does not support the CHECK command");
    }

    [Fact]
    public async Task Check_DisableCheck_CallsNothing()
    {
        // Arrange
        _f.Executor.Succeeding("a");
        var list = RuntimeFixture.List("""{"cniVersion":"1.0.0","name":"net1","disableCheck":true,"plugins":[{"type":"a"}]}""");

        // Act
        await _f.Runtime.CheckNetworkListAsync(list, _f.Rt);

        // Assert
        _f.Executor.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Check_CorruptCache_Fails()
    {
        // Arrange
        Directory.CreateDirectory(Path.GetDirectoryName(_f.CachePath)!);
        File.WriteAllText(_f.CachePath, "{");

        // Act
        var act = () => _f.Runtime.CheckNetworkListAsync(RuntimeFixture.Chain("1.0.0", "a"), _f.Rt);

        // Assert
        (await act.Should().ThrowAsync<CniHarnessException>()).Which.Message.Should().Contain("cached result");
    }

    [Fact]
    public async Task Gc_WithValidList_DeletesOnlyStaleAttachmentsAndSendsBothKeys()
    {
        // Arrange
        _f.Executor.Succeeding("a");
        var list = RuntimeFixture.Chain("1.1.0", "a");
        await _f.Runtime.AddNetworkListAsync(list, _f.Rt with { ContainerId = "keep" });
        await _f.Runtime.AddNetworkListAsync(list, _f.Rt with { ContainerId = "stale" });

        // Act
        await _f.Runtime.GcNetworkListAsync(list, new GcArgs([new GcAttachment("keep", "eth0")]));

        // Assert
        var del = _f.Executor.Calls.Single(c => c.Command == CniCommand.Del);
        del.Request.ContainerId.Should().Be("stale");
        var gc = _f.Executor.Calls.Single(c => c.Command == CniCommand.Gc);
        var expected = JsonNode.Parse("""[{"containerID":"keep","ifname":"eth0"}]""");
        JsonNode.DeepEquals(gc.Stdin["cni.dev/valid-attachments"], expected).Should().BeTrue();
        JsonNode.DeepEquals(gc.Stdin["cni.dev/attachments"], expected).Should().BeTrue();
        gc.Request.RenderCniVariables()["CNI_CONTAINERID"].Should().BeEmpty();
        _f.Runtime.Cache!.List().Select(e => e.ContainerId).Should().Equal("keep");
    }

    [Fact]
    public async Task Gc_WithoutArgs_DeletesEverythingAndSendsNoKey()
    {
        // Arrange: cnitool's behaviour (checklist §4.1)
        _f.Executor.Succeeding("a");
        var list = RuntimeFixture.Chain("1.1.0", "a");
        await _f.Runtime.AddNetworkListAsync(list, _f.Rt);

        // Act
        await _f.Runtime.GcNetworkListAsync(list, null);

        // Assert
        _f.Executor.Calls.Should().Contain(c => c.Command == CniCommand.Del);
        _f.Executor.Calls.Single(c => c.Command == CniCommand.Gc).Stdin.ContainsKey("cni.dev/valid-attachments").Should().BeFalse();
    }

    [Fact]
    public async Task Gc_DisableGC_CallsNothing()
    {
        // Arrange
        _f.Executor.Succeeding("a");
        var list = RuntimeFixture.List("""{"cniVersion":"1.1.0","name":"net1","disableGC":true,"plugins":[{"type":"a"}]}""");
        await _f.Runtime.AddNetworkListAsync(list, _f.Rt);

        // Act
        await _f.Runtime.GcNetworkListAsync(list, null);

        // Assert
        _f.Executor.Calls.Should().ContainSingle(c => c.Command == CniCommand.Add);
        _f.Executor.Calls.Should().HaveCount(1);
    }

    [Fact]
    public async Task Gc_OnePluginFails_OthersStillGetGcAndAllErrorsAreReported()
    {
        // Arrange
        _f.Executor.Plugin("a", _ => new Reply(1, """{"code":999,"msg":"a failed"}""")).Succeeding("b");

        // Act
        var act = () => _f.Runtime.GcNetworkListAsync(RuntimeFixture.Chain("1.1.0", "a", "b"), new GcArgs([]));

        // Assert
        (await act.Should().ThrowAsync<OperationErrorsException>()).Which.Message.Should().Contain("failed to GC plugin a");
        _f.Executor.Calls.Select(c => c.Plugin).Should().Equal("a", "b");
        JsonNode.DeepEquals(_f.Executor.Calls[1].Stdin["cni.dev/valid-attachments"], new JsonArray()).Should().BeTrue();
    }

    [Fact]
    public async Task Status_Before110_CallsNothing()
    {
        await _f.Runtime.StatusNetworkListAsync(RuntimeFixture.Chain("1.0.0", "a"));
        _f.Executor.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Status_FirstErrorIsReturnedWithItsCode()
    {
        // Arrange
        _f.Executor.Plugin("a", _ => new Reply(1, """{"code":50,"msg":"not ready"}""")).Succeeding("b");

        // Act
        var act = () => _f.Runtime.StatusNetworkListAsync(RuntimeFixture.Chain("1.1.0", "a", "b"));

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Code.Should().Be(CniErrorCodes.PluginNotAvailable);
        _f.Executor.Calls.Select(c => c.Plugin).Should().Equal("a");
        _f.Executor.Calls[0].Stdin.Select(p => p.Key).Should().BeEquivalentTo("type", "cniVersion", "name");
    }

    [Fact]
    public async Task GetVersionInfo_SendsDummiesAndDecodesTheReply()
    {
        // Arrange
        _f.Executor.Succeeding("a");

        // Act
        var info = await _f.Runtime.GetVersionInfoAsync("a");

        // Assert
        info.SupportedVersions.Should().Equal("0.3.1", "0.4.0", "1.0.0", "1.1.0");
        var env = _f.Executor.Calls[0].Request.RenderCniVariables();
        env["CNI_NETNS"].Should().Be("dummy");
        env["CNI_CONTAINERID"].Should().BeEmpty();
        _f.Executor.Calls[0].Stdin["cniVersion"]!.GetValue<string>().Should().Be("1.1.0");
    }

    [Theory]
    [InlineData("""{"cniVersion":"0.2.0"}""", new[] { "0.1.0", "0.2.0" })]
    [InlineData("""{"cniVersion":"1.0.0","supportedVersions":["0.4.0","1.0.0"]}""", new[] { "0.4.0", "1.0.0" })]
    public async Task GetVersionInfo_Replies_AreDecodedPerR18(string reply, string[] expected)
    {
        _f.Executor.Plugin("a", _ => new Reply(0, reply));
        (await _f.Runtime.GetVersionInfoAsync("a")).SupportedVersions.Should().Equal(expected);
    }

    [Fact]
    public async Task GetVersionInfo_UnknownVersionCommand_MeansOnly010()
    {
        _f.Executor.Plugin("a", _ => new Reply(1, """{"code":4,"msg":"unknown CNI_COMMAND: VERSION"}"""));
        (await _f.Runtime.GetVersionInfoAsync("a")).SupportedVersions.Should().Equal("0.1.0");
    }

    [Fact]
    public async Task GetVersionInfo_EmptyList_IsAnError()
    {
        _f.Executor.Plugin("a", _ => new Reply(0, """{"cniVersion":"1.0.0","supportedVersions":[]}"""));
        var act = () => _f.Runtime.GetVersionInfoAsync("a");
        await act.Should().ThrowAsync<CniHarnessException>();
    }

    public void Dispose() => _f.Dispose();
}
