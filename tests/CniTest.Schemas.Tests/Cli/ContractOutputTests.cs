using CniTest.Cli;
using CniTest.Harness.Invocation;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Cli;

/// <summary>Contract verdicts on the CLI's error writer (attachment commands, version) and schema findings in validate.</summary>
public sealed class ContractOutputTests : IDisposable
{
    private readonly RecordingExecutor _executor = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("cnitest-schemas-cli-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose()
    {
        _executor.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<int> Run(params string[] args)
    {
        var env = new Dictionary<string, string>
        {
            ["NETCONFPATH"] = Path.Combine(_dir, "net.d"),
            ["CNI_PATH"] = _executor.PluginDir,
            ["CNITEST_CACHE_DIR"] = Path.Combine(_dir, "cache"),
        };
        // The recording executor never opens the namespace, so the example path needs none.
        return CliApp.RunAsync(args, new CliContext(n => env.GetValueOrDefault(n), _out, _err)
        {
            Executor = _executor, WorkingDirectory = _dir, IsNetworkNamespace = _ => true,
        });
    }

    private string Conflist(string json)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "net.d"));
        var path = Path.Combine(_dir, "net.d", "10-net1.conflist");
        File.WriteAllText(path, json);
        return path;
    }

    private string[] ContractLines => [.. _err.ToString().Split('\n').Where(l => l.StartsWith("cnitest: contract: ", StringComparison.Ordinal))];

    [Fact]
    public async Task Add_ResultBreakingTheContract_PrintsOneLinePerViolationAndStillSucceeds()
    {
        // Arrange: the container interface claims another sandbox and an IP points past the interfaces
        _executor.Plugin("a", r => r.Command == CniCommand.Add
            ? new(0, """{"cniVersion":"1.1.0","interfaces":[{"name":"eth0","sandbox":"/run/netns/elsewhere"}],"ips":[{"address":"10.1.0.5/16","interface":4}]}""")
            : new());
        Conflist("""{"cniVersion":"1.1.0","name":"net1","plugins":[{"type":"a"}]}""");

        // Act
        var exit = await Run("add", "net1", "/run/netns/c1");

        // Assert
        exit.Should().Be(ExitCodes.Success, _err.ToString());
        ContractLines.Should().BeEquivalentTo(
            "cnitest: contract: SHOULD P17 result.interface-index: ips[0].interface is 4, but the result lists 1 interface(s) (a ADD)",
            "cnitest: contract: SHOULD P18 result.sandbox: interfaces[0] (eth0) has sandbox \"/run/netns/elsewhere\", but CNI_NETNS is \"/run/netns/c1\" (a ADD)");
        _out.ToString().Should().Contain("10.1.0.5/16");
    }

    [Fact]
    public async Task Add_CleanResult_PrintsNoContractLines()
    {
        _executor.Plugin("a", r => r.Command == CniCommand.Add
            ? new(0, """{"cniVersion":"1.1.0","interfaces":[{"name":"eth0","sandbox":"/run/netns/c1"}],"ips":[{"address":"10.1.0.5/16","interface":0}]}""")
            : new());
        Conflist("""{"cniVersion":"1.1.0","name":"net1","plugins":[{"type":"a"}]}""");

        var exit = await Run("add", "net1", "/run/netns/c1");

        exit.Should().Be(ExitCodes.Success, _err.ToString());
        ContractLines.Should().BeEmpty();
    }

    [Fact]
    public async Task Del_PluginFailingWithoutErrorObject_ReportsP2BesidesTheFailure()
    {
        _executor.Plugin("a", _ => new(1, ""));
        Conflist("""{"cniVersion":"1.1.0","name":"net1","plugins":[{"type":"a"}]}""");

        var exit = await Run("del", "net1", "/run/netns/c1");

        exit.Should().Be(ExitCodes.Failure);
        ContractLines.Should().ContainSingle().Which.Should().StartWith("cnitest: contract: SHOULD P2 error.object-present: exited 1 with nothing on stdout").And.EndWith("(a DEL)");
    }

    [Fact]
    public async Task Version_GoStyleReply_ReportsTheGoOnlyDeviation()
    {
        _executor.Plugin("a", _ => new(0, """{"cniVersion":"1.0.0","supportedVersions":["0.4.0","1.0.0"]}"""));

        var exit = await Run("version", "a");

        exit.Should().Be(ExitCodes.Success, _err.ToString());
        ContractLines.Should().ContainSingle().Which.Should().StartWith("cnitest: contract: GO-ONLY P11 version.reply-version: ").And.EndWith("(a VERSION)");
    }

    [Fact]
    public async Task Validate_ConfigBreakingTheSchema_ReportsEachViolationAndExitsOne()
    {
        // Arrange
        var path = Conflist("""{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"a","ipMasq":"yes","dns":{"nameservers":["ns.example"]}}]}""");
        _executor.Plugin("a", _ => new(0, """{"cniVersion":"1.0.0","supportedVersions":["1.0.0"]}"""));

        // Act
        var exit = await Run("validate", path);

        // Assert
        exit.Should().Be(ExitCodes.Failure);
        _out.ToString().Should().Contain("error   network net1: schema 1.0.0/netconflist.schema.json: plugins[0].ipMasq: expected a boolean, got \"yes\" [type]");
        _out.ToString().Should().Contain("plugins[0].dns.nameservers[0]: \"ns.example\" is not a valid IP address [pattern]");
    }

    [Fact]
    public async Task Validate_LegacyConfBreakingTheSchema_IsCheckedAgainstNetconf()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "net.d"));
        var path = Path.Combine(_dir, "net.d", "10-net1.conf");
        File.WriteAllText(path, """{"cniVersion":"0.4.0","name":"net1","type":"a","prevResult":{}}""");

        var exit = await Run("validate", path);

        exit.Should().Be(ExitCodes.Failure);
        _out.ToString().Should().Contain("schema 0.4.0/netconf.schema.json: prevResult: key not allowed here");
    }

    [Fact]
    public async Task Validate_SchemaCleanConfig_HasNoSchemaFindings()
    {
        var path = Conflist("""{"cniVersion":"1.0.0","name":"net1","plugins":[{"type":"a","ipMasq":true}]}""");
        _executor.Plugin("a", _ => new(0, """{"cniVersion":"1.0.0","supportedVersions":["1.0.0"]}"""));

        var exit = await Run("validate", path);

        exit.Should().Be(ExitCodes.Success, _out.ToString());
        _out.ToString().Should().NotContain("schema ");
    }
}
