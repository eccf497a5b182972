using System.Text.Json.Nodes;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using FluentAssertions;
using Xunit;
using static CniTest.TestSupport.RecordingExecutor;

namespace CniTest.Harness.Tests.Operations;

/// <summary>ADD over a list (R22, R24, R30).</summary>
public sealed class AddNetworkListTests : IDisposable
{
    private readonly RuntimeFixture _f = new();

    [Fact]
    public async Task Add_Chain_RunsInFileOrderAndThreadsPrevResult()
    {
        // Arrange
        _f.Executor.Succeeding("a").Succeeding("b").Succeeding("c");

        // Act
        await _f.Runtime.AddNetworkListAsync(RuntimeFixture.Chain("1.0.0", "a", "b", "c"), _f.Rt);

        // Assert
        var calls = _f.Executor.Calls;
        calls.Select(c => c.Plugin).Should().Equal("a", "b", "c");
        calls[0].Stdin.ContainsKey("prevResult").Should().BeFalse("the first plugin never gets prevResult (R22)");
        calls[1].Stdin["prevResult"]!["ips"]![0]!["address"]!.GetValue<string>().Should().Be("10.1.0.2/24");
        calls[2].Stdin["prevResult"].Should().NotBeNull();
    }

    [Fact]
    public async Task Add_Request_OverridesNameAndVersionAndDropsCapabilities()
    {
        // Arrange
        _f.Executor.Succeeding("a");
        var list = RuntimeFixture.List("""{"cniVersion":"1.1.0","name":"net1","plugins":[{"type":"a","name":"other","cniVersion":"0.1.0","mtu":1400,"capabilities":{"portMappings":true}}]}""");

        // Act
        await _f.Runtime.AddNetworkListAsync(list, _f.Rt);

        // Assert
        var stdin = _f.Executor.Calls[0].Stdin;
        stdin["name"]!.GetValue<string>().Should().Be("net1");
        stdin["cniVersion"]!.GetValue<string>().Should().Be("1.1.0");
        stdin["mtu"]!.GetValue<int>().Should().Be(1400);
        stdin.ContainsKey("capabilities").Should().BeFalse();
        stdin.ContainsKey("runtimeConfig").Should().BeFalse("no capability argument matched (R24)");
    }

    [Fact]
    public async Task Add_CapabilityArgs_OnlyDeclaredOnesReachRuntimeConfig()
    {
        // Arrange
        _f.Executor.Succeeding("a").Succeeding("b");
        var list = RuntimeFixture.List("""
            {"cniVersion":"1.0.0","name":"net1","plugins":[
              {"type":"a","runtimeConfig":{"old":1}},
              {"type":"b","capabilities":{"portMappings":true,"bandwidth":false},"runtimeConfig":{"old":1}}]}
            """);
        var rt = _f.Rt with
        {
            CapabilityArgs = new Dictionary<string, JsonNode?>
            {
                ["portMappings"] = JsonNode.Parse("""[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}]"""),
                ["bandwidth"] = JsonNode.Parse("""{"ingressRate":1}"""),
            },
        };

        // Act
        await _f.Runtime.AddNetworkListAsync(list, rt);

        // Assert: a had no matching capability, so its own runtimeConfig passes through; b's is replaced
        _f.Executor.Calls[0].Stdin["runtimeConfig"]!.ToJsonString().Should().Be("""{"old":1}""");
        var rc = _f.Executor.Calls[1].Stdin["runtimeConfig"]!.AsObject();
        rc.Select(p => p.Key).Should().Equal("portMappings");
    }

    [Fact]
    public async Task Add_Success_SetsEnvironmentAndWritesCache()
    {
        // Arrange
        _f.Executor.Succeeding("a");

        // Act
        await _f.Runtime.AddNetworkListAsync(RuntimeFixture.Chain("1.0.0", "a"), _f.Rt with { Args = [new("IgnoreUnknown", "1")] });

        // Assert
        var env = _f.Executor.Calls[0].Request.RenderCniVariables();
        env["CNI_COMMAND"].Should().Be("ADD");
        env["CNI_CONTAINERID"].Should().Be("ctr1");
        env["CNI_ARGS"].Should().Be("IgnoreUnknown=1");
        env["CNI_PATH"].Should().Be(_f.Executor.PluginDir);
        File.Exists(_f.CachePath).Should().BeTrue();
    }

    [Fact]
    public async Task Add_SecondPluginFails_StopsAndDoesNotCache()
    {
        // Arrange
        _f.Executor.Succeeding("a")
            .Plugin("b", _ => new Reply(1, """{"code":11,"msg":"busy"}"""))
            .Succeeding("c");

        // Act
        var act = () => _f.Runtime.AddNetworkListAsync(RuntimeFixture.Chain("1.0.0", "a", "b", "c"), _f.Rt);

        // Assert
        (await act.Should().ThrowAsync<PluginErrorException>()).Which.Code.Should().Be(CniErrorCodes.TryAgainLater);
        _f.Executor.Calls.Select(c => c.Plugin).Should().Equal("a", "b");
        File.Exists(_f.CachePath).Should().BeFalse();
    }

    [Fact]
    public async Task Add_MissingBinary_IsReportedBeforeNameValidation()
    {
        // Arrange: R13: lookup first, so a missing plugin wins over a bad container id
        var act = () => _f.Runtime.AddNetworkListAsync(RuntimeFixture.Chain("1.0.0", "nosuch"), _f.Rt with { ContainerId = "" });

        // Assert
        await act.Should().ThrowAsync<PluginNotFoundException>();
    }

    [Fact]
    public async Task Add_EmptyContainerId_IsRefusedWithCode3WithoutCallingThePlugin()
    {
        // Arrange
        _f.Executor.Succeeding("a");

        // Act
        var act = () => _f.Runtime.AddNetworkListAsync(RuntimeFixture.Chain("1.0.0", "a"), _f.Rt with { ContainerId = "" });

        // Assert
        (await act.Should().ThrowAsync<RuntimeValidationException>()).Which.Error.Code.Should().Be(CniErrorCodes.UnknownContainer);
        _f.Executor.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Add_ResultWithoutVersion_TakesTheRequestVersion()
    {
        // Arrange: cni#895 back-compat (R27)
        _f.Executor.Succeeding("a", """{"ips":[{"version":"4","address":"10.1.0.9/24"}]}""");

        // Act
        var result = await _f.Runtime.AddNetworkListAsync(RuntimeFixture.Chain("0.4.0", "a"), _f.Rt);

        // Assert
        result.CniVersion.Should().Be("0.4.0");
    }

    [Fact]
    public async Task Add_PrevResultFromOtherFamily_IsConvertedToTheListVersion()
    {
        // Arrange: a plugin answers a 1.0.0 list with a 0.4.0 result; the next must get 1.0.0 (cni#862, P22)
        _f.Executor.Succeeding("a", """{"cniVersion":"0.4.0","ips":[{"version":"4","address":"10.1.0.9/24"}]}""").Succeeding("b");

        // Act
        await _f.Runtime.AddNetworkListAsync(RuntimeFixture.Chain("1.0.0", "a", "b"), _f.Rt);

        // Assert
        var prev = _f.Executor.Calls[1].Stdin["prevResult"]!;
        prev["cniVersion"]!.GetValue<string>().Should().Be("1.0.0");
        prev["ips"]![0]!.AsObject().ContainsKey("version").Should().BeFalse();
    }

    [Fact]
    public async Task Add_EmptyStdoutOnSuccess_IsAnError()
    {
        // Arrange
        _f.Executor.Plugin("a", _ => new Reply(0, ""));

        // Act
        var act = () => _f.Runtime.AddNetworkListAsync(RuntimeFixture.Chain("1.0.0", "a"), _f.Rt);

        // Assert
        (await act.Should().ThrowAsync<CniHarnessException>()).Which.Message.Should().Contain("no result");
    }

    public void Dispose() => _f.Dispose();
}
