using CniTest.Plugins.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Sdk;

/// <summary><c>prevResult</c> of any family is read into the current model (P21, R42).</summary>
public sealed class PrevResultTests
{
    [Fact]
    public void PrevResult_V020Shape_IsConverted()
    {
        var args = Received("0.2.0", """{"cniVersion":"0.2.0","ip4":{"ip":"10.0.0.2/24","gateway":"10.0.0.1","routes":[{"dst":"0.0.0.0/0"}]}}""");

        var prev = args.PrevResult!;

        prev.Ips.Should().ContainSingle().Which.Address.ToString().Should().Be("10.0.0.2/24");
        prev.Ips[0].Gateway!.ToString().Should().Be("10.0.0.1");
        prev.Routes.Should().ContainSingle().Which.Dst.ToString().Should().Be("0.0.0.0/0");
    }

    [Fact]
    public void PrevResult_WithoutCniVersion_UsesRequestVersion()
    {
        var args = Received("1.0.0", """{"interfaces":[{"name":"eth0","sandbox":"/ns"}],"ips":[{"address":"fd00::2/64","interface":0}]}""");

        var prev = args.PrevResult!;

        prev.Interfaces.Should().ContainSingle().Which.Sandbox.Should().Be("/ns");
        prev.Ips[0].Interface.Should().Be(0);
    }

    [Fact]
    public void PrevResult_Absent_IsNull()
    {
        var outcome = new RecordingPlugin();
        HostRun.Run(outcome, HostRun.Env("ADD"), """{"cniVersion":"1.0.0","name":"n","type":"t"}""");

        outcome.Received!.PrevResult.Should().BeNull();
    }

    private static PluginSdk.Hosting.CmdArgs Received(string version, string prevResult)
    {
        var plugin = new RecordingPlugin();
        var outcome = HostRun.Run(plugin, HostRun.Env("DEL"), $$"""{"cniVersion":"{{version}}","name":"n","type":"t","prevResult":{{prevResult}}}""");
        outcome.ExitCode.Should().Be(0, outcome.Stdout);
        return plugin.Received!;
    }
}
