using System.Text.Json.Nodes;
using CniTest.Cli;
using FluentAssertions;
using Xunit;
using static CniTest.TestSupport.RecordingExecutor;

namespace CniTest.Scenarios.Tests.Recording;

/// <summary>
/// <c>--record</c> and <c>--redact</c> on the cnitool-style commands, in-process over the recording fake (no root):
/// the files, the index, the schema, the masking; and the one-line errors of <c>replay</c> and <c>--record</c>.
/// </summary>
public sealed class CliRecordTests : IDisposable
{
    private readonly RecordingExecutor _executor = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("cnitest-record-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private string RecordDir => Path.Combine(_dir, "rec");

    private async Task<int> Run(params string[] args)
    {
        var env = new Dictionary<string, string>
        {
            ["NETCONFPATH"] = Path.Combine(_dir, "net.d"),
            ["CNI_PATH"] = _executor.PluginDir,
            ["CNITEST_CACHE_DIR"] = Path.Combine(_dir, "cache"),
        };
        return await CliApp.RunAsync(args, new CliContext(n => env.GetValueOrDefault(n), _out, _err) { Executor = _executor, IsNetworkNamespace = _ => true }); // the fake executor never opens /run/netns/c1
    }

    private void Conflist()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "net.d"));
        File.WriteAllText(Path.Combine(_dir, "net.d", "10-net1.conflist"),
            """{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"a","auth":{"token":"s3cr3t-token"}},{"type":"b"}]}""");
    }

    [Fact]
    public async Task AddThenDel_WithRecord_WritesOneFilePerCallAndAnIndexThatValidate()
    {
        // Arrange
        _executor.Succeeding("a").Succeeding("b");
        Conflist();

        // Act
        var add = await Run("add", "net1", "/run/netns/c1", "--record", RecordDir);
        var del = await Run("del", "net1", "/run/netns/c1", "--record", RecordDir);

        // Assert
        (add, del).Should().Be((ExitCodes.Success, ExitCodes.Success), _err.ToString());
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(RecordDir, "index.json")))!;
        var checks = index["checks"]!.AsArray();
        checks.Select(c => c!["check"]!.GetValue<string>()).Should().Equal("cli-001-add", "cli-002-del");
        checks.Select(c => c!["outcome"]!.GetValue<string>()).Should().Equal("succeeded", "succeeded");
        checks[1]!["steps"]!.AsArray().Select(s => s!["command"]!.GetValue<string>() + " " + s["plugin"]!.GetValue<string>())
            .Should().Equal("DEL b", "DEL a"); // reverse order, as the runtime called them
        var step = JsonNode.Parse(File.ReadAllText(Path.Combine(RecordDir, checks[0]!["steps"]![0]!["file"]!.GetValue<string>())))!;
        step["call"]!["env"]!["CNI_NETNS"]!.GetValue<string>().Should().Be("/run/netns/c1");
        step["call"]!["verdict"]!["outcome"]!.GetValue<string>().Should().Be("success");
        step["layout"]!["hostNetns"].Should().BeNull();
        RecordSchemas.Errors(RecordDir).Should().BeEmpty();
    }

    [Fact]
    public async Task Add_WithRedact_MasksTheKeyInStdinEnvAndWhereThePluginEchoesIt()
    {
        // Arrange
        _executor.Plugin("a", r => new Reply(1, """{"code":7,"msg":"bad token s3cr3t-token"}""", "token was s3cr3t-token")).Succeeding("b");
        Conflist();

        // Act
        var exit = await Run("add", "net1", "/run/netns/c1", "--cni-args", "K8S_POD_NAME=web;TOKEN=abcd1234", "--record", RecordDir,
            "--redact", "token", "--redact", "TOKEN");

        // Assert
        exit.Should().Be(ExitCodes.Failure);
        var text = File.ReadAllText(Directory.GetFiles(Path.Combine(RecordDir, "cli-001-add"))[0]);
        text.Should().NotContain("s3cr3t-token").And.NotContain("abcd1234");
        var call = JsonNode.Parse(text)!["call"]!;
        JsonNode.Parse(call["stdin"]!.GetValue<string>())!["auth"]!["token"]!.GetValue<string>().Should().Be("***");
        call["env"]!["CNI_ARGS"]!.GetValue<string>().Should().Be("K8S_POD_NAME=web;TOKEN=***");
        call["stderr"]!.GetValue<string>().Should().Be("token was ***");
        call["verdict"]!["errorMsg"]!.GetValue<string>().Should().Be("bad token ***");
        JsonNode.Parse(File.ReadAllText(Path.Combine(RecordDir, "index.json")))!["checks"]![0]!["outcome"]!.GetValue<string>().Should().Be("failed");
        RecordSchemas.Errors(RecordDir).Should().BeEmpty();
    }

    [Theory]
    [InlineData("replay {missing}", "no recording at")]
    [InlineData("replay {missing} --check del.twice", "no recording at")]
    [InlineData("replay {rec}", "needs --check KEY; recorded: cli-001-add")]
    [InlineData("replay {rec} --check no.such-check", "no check 'no.such-check' in the recording")]
    [InlineData("replay {step} --check cli-001-add", "--check names a check of a recording directory")]
    [InlineData("replay {empty} --check del.twice", "has no index.json")]
    [InlineData("run --plugin /usr/lib/cni/ptp --record {rec}", "the directory is not empty")]
    [InlineData("run --plugin /usr/lib/cni/ptp --redact token", "--redact needs --record DIR")]
    public async Task Errors_AreOneLineAndExitTwo(string args, string message)
    {
        // Arrange
        _executor.Succeeding("a").Succeeding("b");
        Conflist();
        (await Run("add", "net1", "/run/netns/c1", "--record", RecordDir)).Should().Be(ExitCodes.Success);
        var step = Directory.GetFiles(Path.Combine(RecordDir, "cli-001-add"))[0];
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        _err.GetStringBuilder().Clear();

        // Act
        var exit = await Run([.. args.Split(' ').Select(a => a.Replace("{missing}", Path.Combine(_dir, "nope")).Replace("{rec}", RecordDir)
            .Replace("{step}", step).Replace("{empty}", empty))]);

        // Assert
        exit.Should().Be(ExitCodes.UsageOrEnvironment);
        var lines = _err.ToString().Trim().Split('\n');
        lines.Should().ContainSingle().Which.Should().StartWith("cnitest: ").And.Contain(message);
    }

    [Fact]
    public async Task Help_Replay_NamesTheOptionsAndExitCodes()
    {
        (await Run("replay", "--help")).Should().Be(ExitCodes.Success);
        _out.ToString().Should().Contain("--check").And.Contain("--plugin").And.Contain("Exit 0 same verdicts, 1 a call's verdict differs");
    }

    public void Dispose()
    {
        _executor.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
