using CniTest.PluginSdk.Errors;
using CniTest.Plugins.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Sdk;

public sealed class PluginHostTests
{
    private const string Config = """{"cniVersion":"1.1.0","name":"net1","type":"test"}""";

    [Fact]
    public void Run_NoCommand_PrintsAboutOnStderrAndSucceeds()
    {
        // Arrange
        var plugin = new RecordingPlugin();

        // Act
        var outcome = HostRun.Run(plugin, new Dictionary<string, string>(), "");

        // Assert (P52)
        outcome.ExitCode.Should().Be(0);
        outcome.Stdout.Should().BeEmpty();
        outcome.Stderr.Should().Contain("test plugin").And.Contain("1.1.0");
        plugin.Received.Should().BeNull();
    }

    [Theory]
    [InlineData("0.3.1")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void Run_Version_AnswersWithRequestVersionAndAllVersions(string requested)
    {
        // Act
        var outcome = HostRun.Run(new RecordingPlugin(), new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" },
            $$"""{"cniVersion":"{{requested}}"}""");

        // Assert (P10–P12)
        outcome.ExitCode.Should().Be(0);
        outcome.Json["cniVersion"]!.GetValue<string>().Should().Be(requested);
        outcome.Json["supportedVersions"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Equal("0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0");
    }

    [Fact]
    public void Run_VersionWithEmptyStdin_AnswersWithLatest()
    {
        var outcome = HostRun.Run(new RecordingPlugin(), new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, "");

        outcome.ExitCode.Should().Be(0);
        outcome.Json["cniVersion"]!.GetValue<string>().Should().Be("1.1.0");
    }

    [Fact]
    public void Run_UnknownCommand_FailsWithCode4()
    {
        var outcome = HostRun.Run(new RecordingPlugin(), HostRun.Env("FROB"), Config);

        AssertError(outcome, CniErrorCodes.InvalidEnvironmentVariables).Should().Contain("FROB");
    }

    [Fact]
    public void Run_AddWithoutNetnsAndIfName_FailsWithCode4NamingBoth()
    {
        // Arrange
        var env = HostRun.Env("ADD");
        env.Remove("CNI_NETNS");
        env["CNI_IFNAME"] = "";
        var plugin = new RecordingPlugin();

        // Act
        var outcome = HostRun.Run(plugin, env, Config);

        // Assert (P4)
        AssertError(outcome, CniErrorCodes.InvalidEnvironmentVariables).Should().Contain("CNI_NETNS").And.Contain("CNI_IFNAME");
        plugin.Received.Should().BeNull();
    }

    [Fact]
    public void Run_DelWithoutNetns_IsDispatched()
    {
        // Arrange: CNI_NETNS is optional for DEL (spec §2, P27).
        var env = HostRun.Env("DEL");
        env.Remove("CNI_NETNS");
        var plugin = new RecordingPlugin();

        // Act
        var outcome = HostRun.Run(plugin, env, Config);

        // Assert
        outcome.ExitCode.Should().Be(0);
        outcome.Stdout.Should().BeEmpty();
        plugin.Received!.Netns.Should().BeEmpty();
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("""{"a":1,"a":2}""")]
    public void Run_MalformedStdin_FailsWithCode6(string stdin)
    {
        var outcome = HostRun.Run(new RecordingPlugin(), HostRun.Env("ADD"), stdin);

        AssertError(outcome, CniErrorCodes.DecodingFailure);
    }

    [Theory]
    [InlineData("0.0.1")]
    [InlineData("99.0.0")]
    [InlineData("1.1")]
    public void Run_UnsupportedVersion_FailsWithCode1(string version)
    {
        var outcome = HostRun.Run(new RecordingPlugin(), HostRun.Env("ADD"), $$"""{"cniVersion":"{{version}}","name":"n","type":"t"}""");

        AssertError(outcome, CniErrorCodes.IncompatibleCniVersion);
        outcome.Json["details"]!.GetValue<string>().Should().Contain(version);
    }

    [Theory]
    [InlineData("CHECK", "0.3.1")]
    [InlineData("GC", "1.0.0")]
    [InlineData("STATUS", "0.4.0")]
    public void Run_VerbOlderThanItsVersion_FailsWithCode1(string command, string version)
    {
        var outcome = HostRun.Run(new RecordingPlugin(), HostRun.Env(command), $$"""{"cniVersion":"{{version}}","name":"n","type":"t"}""");

        AssertError(outcome, CniErrorCodes.IncompatibleCniVersion).Should().Contain(command);
        outcome.Json["cniVersion"]!.GetValue<string>().Should().Be(version);
    }

    [Fact]
    public void Run_MissingCniVersion_MeansV010()
    {
        var plugin = new RecordingPlugin();

        var outcome = HostRun.Run(plugin, HostRun.Env("ADD"), """{"name":"n","type":"t"}""");

        outcome.ExitCode.Should().Be(0);
        plugin.Received!.CniVersion.Should().Be("0.1.0");
        outcome.Json.ContainsKey("ip4").Should().BeTrue();
    }

    [Fact]
    public void Run_MissingName_FailsWithCode7()
    {
        var outcome = HostRun.Run(new RecordingPlugin(), HostRun.Env("ADD"), """{"cniVersion":"1.0.0","type":"t"}""");

        AssertError(outcome, CniErrorCodes.InvalidNetworkConfig);
    }

    [Theory]
    [InlineData("bad/id", "eth0")]
    [InlineData("-leading", "eth0")]
    [InlineData("c1", "eth0:1")]
    [InlineData("c1", "a-very-long-ifname")]
    public void Run_InvalidContainerIdOrIfName_FailsWithCode4(string containerId, string ifName)
    {
        var outcome = HostRun.Run(new RecordingPlugin(), HostRun.Env("ADD", containerId, ifName), Config);

        AssertError(outcome, CniErrorCodes.InvalidEnvironmentVariables);
    }

    [Fact]
    public void Run_PluginThrowsCniError_PrintsItWithRequestVersion()
    {
        // Arrange
        var plugin = new RecordingPlugin { Throw = new CniPluginException(CniErrorCodes.PluginNotAvailable, "range exhausted", "10.0.0.0/30") };

        // Act
        var outcome = HostRun.Run(plugin, HostRun.Env("STATUS"), Config);

        // Assert (P1–P3, P45)
        AssertError(outcome, CniErrorCodes.PluginNotAvailable).Should().Be("range exhausted");
        outcome.Json["cniVersion"]!.GetValue<string>().Should().Be("1.1.0");
        outcome.Json["details"]!.GetValue<string>().Should().Be("10.0.0.0/30");
    }

    [Fact]
    public void Run_PluginThrowsOtherException_FailsWithCode999()
    {
        var plugin = new RecordingPlugin { Throw = new InvalidOperationException("boom") };

        var outcome = HostRun.Run(plugin, HostRun.Env("ADD"), Config);

        AssertError(outcome, CniErrorCodes.Internal).Should().Be("boom");
    }

    [Fact]
    public void Run_Add_PassesEnvironmentAndConfigToPlugin()
    {
        // Arrange
        var env = HostRun.Env("ADD", "abc.1", "net0");
        env["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAME=p";
        var plugin = new RecordingPlugin();

        // Act
        HostRun.Run(plugin, env, Config);

        // Assert
        var args = plugin.Received!;
        (args.ContainerId, args.IfName, args.Netns, args.Path, args.Args, args.NetworkName, args.CniVersion)
            .Should().Be(("abc.1", "net0", "/var/run/netns/test", "/opt/cni/bin", "IgnoreUnknown=1;K8S_POD_NAME=p", "net1", "1.1.0"));
        args.PathDirectories.Should().Equal("/opt/cni/bin");
    }

    [Fact]
    public void Run_DelAndCheckAndStatusAndGc_PrintNothingOnSuccess()
    {
        foreach (var command in new[] { "DEL", "CHECK", "STATUS", "GC" })
        {
            var outcome = HostRun.Run(new RecordingPlugin(), HostRun.Env(command), Config);

            outcome.ExitCode.Should().Be(0, command);
            outcome.Stdout.Should().BeEmpty(command);
        }
    }

    private static string AssertError(HostOutcome outcome, uint code)
    {
        outcome.ExitCode.Should().NotBe(0);
        var json = outcome.Json;
        json["code"]!.GetValue<uint>().Should().Be(code, outcome.Stdout);
        json["cniVersion"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        return json["msg"]!.GetValue<string>();
    }
}
