using CniTest.Bridge;
using CniTest.Bridge.Ipam;
using CniTest.PluginSdk.Hosting;
using CniTest.PluginSdk.Results;
using CniTest.Plugins.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Unit;

/// <summary>
/// The bridge's own checks before any kernel work, through the SDK host: each of these must fail before the plugin
/// touches a namespace or asks IPAM for anything.
/// </summary>
public sealed class BridgePluginHostTests
{
    private const string Conf = """{"cniVersion":"1.0.0","name":"net1","type":"cnitest-bridge","ipam":{"type":"never-called"}}""";

    [Theory]
    [InlineData("ADD")]
    [InlineData("DEL")]
    [InlineData("CHECK")]
    public void Verb_NetnsIsThePluginsOwn_Code4BeforeAnything(string command)
    {
        // Arrange (plugins#714): this process's own namespace as CNI_NETNS
        var ipam = new RefusingIpam();
        var env = HostRun.Env(command);
        env["CNI_NETNS"] = "/proc/self/ns/net";

        // Act
        var outcome = Run(env, ipam);

        // Assert
        outcome.ExitCode.Should().NotBe(0);
        outcome.Json["code"]!.GetValue<uint>().Should().Be(4);
        outcome.Json["msg"]!.GetValue<string>().Should().Contain("own network namespace");
        ipam.Called.Should().BeFalse();
    }

    [Fact]
    public void Add_NoCniPathButIpamToDelegateTo_Code4NamingIt()
    {
        // Arrange (P4)
        var ipam = new RefusingIpam();
        var env = HostRun.Env("ADD");
        env.Remove("CNI_PATH");

        // Act
        var outcome = Run(env, ipam);

        // Assert
        outcome.Json["code"]!.GetValue<uint>().Should().Be(4);
        outcome.Json["msg"]!.GetValue<string>().Should().Contain("CNI_PATH");
        ipam.Called.Should().BeFalse();
    }

    [Fact]
    public void Add_UnknownCniArgsKeyWithoutIgnoreUnknown_Code4()
    {
        // Arrange (P49, as Go's bridge: only MAC is known)
        var ipam = new RefusingIpam();
        var env = HostRun.Env("ADD");
        env["CNI_ARGS"] = "K8S_POD_NAME=web";

        // Act
        var outcome = Run(env, ipam);

        // Assert
        outcome.Json["code"]!.GetValue<uint>().Should().Be(4);
        ipam.Called.Should().BeFalse();
    }

    private static HostOutcome Run(Dictionary<string, string> env, RefusingIpam ipam) =>
        HostRun.Run(new BridgePlugin(_ => ipam, name => env.GetValueOrDefault(name)), env, Conf, BridgePlugin.Info);

    /// <summary>An IPAM that records whether anyone asked it anything.</summary>
    private sealed class RefusingIpam : IIpam
    {
        public bool Called { get; private set; }

        public CniResult Add(CmdArgs args) => Fail<CniResult>();

        public void Del(CmdArgs args) => Fail<bool>();

        public void Check(CmdArgs args) => Fail<bool>();

        public void Gc(CmdArgs args) => Fail<bool>();

        public void Status(CmdArgs args) => Fail<bool>();

        private T Fail<T>()
        {
            Called = true;
            throw new InvalidOperationException("IPAM must not be called");
        }
    }
}
