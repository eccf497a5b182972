using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using FluentAssertions;
using Xunit;
using static CniTest.TestSupport.RecordingExecutor;

namespace CniTest.Harness.Tests.Operations;

/// <summary>DEL over a list: reverse order, cached prevResult, and tolerance of bad caches (R32, R40).</summary>
public sealed class DelNetworkListTests : IDisposable
{
    private readonly RuntimeFixture _f = new();

    [Fact]
    public async Task Del_AfterAdd_RunsInReverseOrderWithCachedPrevResultAndRemovesCache()
    {
        // Arrange
        _f.Executor.Succeeding("a").Succeeding("b");
        var list = RuntimeFixture.Chain("1.0.0", "a", "b");
        await _f.Runtime.AddNetworkListAsync(list, _f.Rt);

        // Act
        await _f.Runtime.DelNetworkListAsync(list, _f.Rt);

        // Assert
        var dels = _f.Executor.Calls.Where(c => c.Command == CniCommand.Del).ToList();
        dels.Select(c => c.Plugin).Should().Equal("b", "a");
        dels.Should().OnlyContain(c => c.Stdin["prevResult"]!["ips"]![0]!["address"]!.GetValue<string>() == "10.1.0.2/24");
        File.Exists(_f.CachePath).Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"kind\":\"cniCacheV1\",\"conta")]
    [InlineData("{\"kind\":\"cniCacheV1\",\"containerId\":\"ctr1\",\"config\":\"\",\"ifName\":\"eth0\",\"networkName\":\"net1\",\"result\":{\"cniVersion\":\"9.9.9\"}}")]
    public async Task Del_EmptyCorruptOrUnconvertibleCache_CallsEveryPluginWithoutPrevResultAndDropsCache(string content)
    {
        // Arrange: cni#1055 (empty file after reboot) and cni#701 (unconvertible cached result)
        _f.Executor.Succeeding("a").Succeeding("b");
        Directory.CreateDirectory(Path.GetDirectoryName(_f.CachePath)!);
        File.WriteAllText(_f.CachePath, content);

        // Act
        await _f.Runtime.DelNetworkListAsync(RuntimeFixture.Chain("1.0.0", "a", "b"), _f.Rt);

        // Assert
        _f.Executor.Calls.Select(c => c.Plugin).Should().Equal("b", "a");
        _f.Executor.Calls.Should().OnlyContain(c => !c.Stdin.ContainsKey("prevResult"));
        File.Exists(_f.CachePath).Should().BeFalse();
    }

    [Fact]
    public async Task Del_NoCache_CallsEveryPluginWithoutPrevResult()
    {
        // Arrange
        _f.Executor.Succeeding("a");

        // Act
        await _f.Runtime.DelNetworkListAsync(RuntimeFixture.Chain("1.0.0", "a"), _f.Rt);

        // Assert
        _f.Executor.Calls.Should().ContainSingle().Which.Stdin.ContainsKey("prevResult").Should().BeFalse();
    }

    [Fact]
    public async Task Del_Before040_NeverSendsPrevResult()
    {
        // Arrange
        _f.Executor.Succeeding("a", """{"cniVersion":"0.3.1","ips":[{"version":"4","address":"10.1.0.2/24"}]}""");
        var list = RuntimeFixture.Chain("0.3.1", "a");
        await _f.Runtime.AddNetworkListAsync(list, _f.Rt);

        // Act
        await _f.Runtime.DelNetworkListAsync(list, _f.Rt);

        // Assert
        _f.Executor.Calls.Last().Stdin.ContainsKey("prevResult").Should().BeFalse();
    }

    [Fact]
    public async Task Del_PluginFails_StopsAndKeepsCache()
    {
        // Arrange
        _f.Executor.Succeeding("a").Succeeding("b");
        var list = RuntimeFixture.Chain("1.0.0", "a", "b");
        await _f.Runtime.AddNetworkListAsync(list, _f.Rt);
        _f.Executor.Plugin("b", r => r.Command == CniCommand.Del ? new Reply(1, """{"code":999,"msg":"no"}""") : new Reply());

        // Act
        var act = () => _f.Runtime.DelNetworkListAsync(list, _f.Rt);

        // Assert
        await act.Should().ThrowAsync<PluginErrorException>();
        _f.Executor.Calls.Where(c => c.Command == CniCommand.Del).Select(c => c.Plugin).Should().Equal("b");
        File.Exists(_f.CachePath).Should().BeTrue();
    }

    [Fact]
    public async Task Del_ContinueOnError_CallsTheRestAndReportsAll()
    {
        // Arrange: plugins#1282 / dnsname#73: one failing tail plugin must not leak everything before it
        using var f = new RuntimeFixture(delContinuesOnError: true);
        f.Executor.Plugin("a", _ => new Reply(1, """{"code":999,"msg":"a broke"}"""))
            .Succeeding("b")
            .Plugin("c", _ => new Reply(1, """{"code":999,"msg":"c broke"}"""));

        // Act
        var act = () => f.Runtime.DelNetworkListAsync(RuntimeFixture.Chain("1.0.0", "a", "b", "c"), f.Rt);

        // Assert
        var e = (await act.Should().ThrowAsync<OperationErrorsException>()).Which;
        e.Errors.Should().HaveCount(2);
        f.Executor.Calls.Select(c => c.Plugin).Should().Equal("c", "b", "a");
    }

    public void Dispose() => _f.Dispose();
}
