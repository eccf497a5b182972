using CniTest.Cli;
using CniTest.Harness.Tests.Support;
using FluentAssertions;
using Xunit;
using static CniTest.TestSupport.RecordingExecutor;

namespace CniTest.Harness.Tests.Cli;

/// <summary>The CLI in-process over the recording fake: output, one-line errors and exit codes.</summary>
public sealed class CliAppTests : IDisposable
{
    private readonly RecordingExecutor _executor = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("cnitest-cli-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private async Task<int> Run(params string[] args)
    {
        var env = new Dictionary<string, string>
        {
            ["NETCONFPATH"] = Path.Combine(_dir, "net.d"),
            ["CNI_PATH"] = _executor.PluginDir,
            ["CNITEST_CACHE_DIR"] = Path.Combine(_dir, "cache"),
        };
        // The recording executor never opens the namespace: cnitool's example paths stand, no namespace needed.
        var ctx = new CliContext(n => env.GetValueOrDefault(n), _out, _err) { Executor = _executor, IsNetworkNamespace = _ => true };
        return await CliApp.RunAsync(args, ctx);
    }

    private void Conflist(string json)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "net.d"));
        File.WriteAllText(Path.Combine(_dir, "net.d", "10-net1.conflist"), json);
    }

    [Fact]
    public async Task Add_PrintsResultIndentedWithFourSpacesAndUsesCnitoolsContainerId()
    {
        // Arrange
        _executor.Succeeding("a");
        Conflist("""{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"a"}]}""");

        // Act
        var exit = await Run("add", "net1", "/var/run/netns/anc-c5");

        // Assert
        exit.Should().Be(ExitCodes.Success, _err.ToString());
        _out.ToString().Should().Contain("\n    \"ips\": [");
        _executor.Calls[0].Request.ContainerId.Should().Be("cnitool-07f46e343f7729b7e85a");
        _executor.Calls[0].Request.IfName.Should().Be("eth0");
    }

    [Fact]
    public async Task Add_PluginError_ExitsOneWithOneLine()
    {
        // Arrange
        _executor.Plugin("a", _ => new Reply(1, """{"code":7,"msg":"invalid network config","details":"no bridge"}"""));
        Conflist("""{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"a"}]}""");

        // Act
        var exit = await Run("add", "net1", "/run/netns/x");

        // Assert
        exit.Should().Be(ExitCodes.Failure);
        _err.ToString().Trim().Split('\n').Should().Contain("cnitest: plugin type=\"a\" failed (add): code 7: invalid network config; no bridge");
    }

    [Fact]
    public async Task Add_UnknownNetwork_ExitsTwo()
    {
        Conflist("""{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"a"}]}""");
        (await Run("add", "other", "/run/netns/x")).Should().Be(ExitCodes.UsageOrEnvironment);
        _err.ToString().Should().Contain("no net configuration with name \"other\"");
    }

    [Fact]
    public async Task Add_MissingArgument_IsAUsageError()
    {
        (await Run("add", "net1")).Should().Be(ExitCodes.UsageOrEnvironment);
        _err.ToString().Should().StartWith("cnitest: ");
    }

    [Fact]
    public async Task Del_Twice_SucceedsAndPrintsNothing()
    {
        // Arrange
        _executor.Succeeding("a");
        Conflist("""{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"a"}]}""");

        // Act / Assert
        (await Run("del", "net1", "/run/netns/x")).Should().Be(ExitCodes.Success);
        (await Run("del", "net1", "/run/netns/x")).Should().Be(ExitCodes.Success);
        _out.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Validate_MissingPlugin_NamesItAndExitsOne()
    {
        // Arrange
        Conflist("""{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"nosuch"}]}""");

        // Act
        var exit = await Run("validate", Path.Combine(_dir, "net.d"));

        // Assert
        exit.Should().Be(ExitCodes.Failure);
        _out.ToString().Should().Contain("plugin binary missing").And.Contain("nosuch");
    }

    [Fact]
    public async Task Validate_UnsupportedVersion_IsReported()
    {
        // Arrange: the fake supports 0.3.1 … 1.1.0, not 0.2.0
        _executor.Succeeding("a");
        Conflist("""{"cniVersion":"0.2.0","name":"net1","plugins":[{"type":"a"}]}""");

        // Act
        var exit = await Run("validate", Path.Combine(_dir, "net.d"));

        // Assert
        exit.Should().Be(ExitCodes.Failure);
        _out.ToString().Should().Contain("does not support config version \"0.2.0\"");
    }

    [Fact]
    public async Task Validate_BrokenJson_GivesLineAndColumn()
    {
        // Arrange
        Conflist("{\"cniVersion\":\"1.0.0\",\n \"name\": \"net1\",,\n}");

        // Act
        var exit = await Run("validate", Path.Combine(_dir, "net.d"));

        // Assert
        exit.Should().Be(ExitCodes.Failure);
        _out.ToString().Should().Contain("line 2");
    }

    [Fact]
    public async Task Validate_DuplicateNames_AreReported()
    {
        // Arrange
        _executor.Succeeding("a");
        Conflist("""{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"a"}]}""");
        File.WriteAllText(Path.Combine(_dir, "net.d", "20-again.conflist"), """{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"a"}]}""");

        // Act
        var exit = await Run("validate", Path.Combine(_dir, "net.d"));

        // Assert
        exit.Should().Be(ExitCodes.Failure);
        _out.ToString().Should().Contain("duplicate network name");
    }

    [Fact]
    public async Task Validate_GoodConfig_ExitsZero()
    {
        _executor.Succeeding("a");
        Conflist("""{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"a","capabilities":{"portMappings":true}}]}""");
        (await Run("validate", Path.Combine(_dir, "net.d"))).Should().Be(ExitCodes.Success, _out.ToString());
        _out.ToString().Should().Contain("capability \"portMappings\" enabled");
    }

    [Fact]
    public async Task Version_PrintsSupportedVersions()
    {
        _executor.Succeeding("a");
        (await Run("version", "a")).Should().Be(ExitCodes.Success);
        _out.ToString().Should().Contain("supports: 0.3.1, 0.4.0, 1.0.0, 1.1.0");
    }

    [Fact]
    public async Task Help_ListsCommandsAndExitCodes()
    {
        (await Run("--help")).Should().Be(ExitCodes.Success);
        _out.ToString().Should().Contain("add").And.Contain("validate").And.Contain("Exit codes");
    }

    public void Dispose()
    {
        Directory.Delete(_dir, true);
        _executor.Dispose();
    }
}
