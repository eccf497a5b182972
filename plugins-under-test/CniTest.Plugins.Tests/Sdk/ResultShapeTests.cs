using System.Text.Json.Nodes;
using CniTest.Plugins.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Sdk;

/// <summary>ADD results are printed in the request version's shape (P15, P16; checklist §3.4).</summary>
public sealed class ResultShapeTests
{
    [Theory]
    [InlineData("0.1.0")]
    [InlineData("0.2.0")]
    public void Add_V020Request_PrintsIp4AndIp6Blocks(string version)
    {
        var json = Add(version);

        json["cniVersion"]!.GetValue<string>().Should().Be(version);
        json["ip4"]!["ip"]!.GetValue<string>().Should().Be("10.1.0.5/24");
        json["ip4"]!["gateway"]!.GetValue<string>().Should().Be("10.1.0.1");
        json["ip4"]!["routes"]![0]!["dst"]!.GetValue<string>().Should().Be("0.0.0.0/0");
        json["ip6"]!["ip"]!.GetValue<string>().Should().Be("fd00::5/64");
        json.ContainsKey("ips").Should().BeFalse();
        json.ContainsKey("interfaces").Should().BeFalse();
    }

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    public void Add_V040Request_PrintsIpsWithVersion(string version)
    {
        var json = Add(version);

        json["cniVersion"]!.GetValue<string>().Should().Be(version);
        var ips = json["ips"]!.AsArray();
        ips.Select(ip => ip!["version"]!.GetValue<string>()).Should().Equal("4", "6");
        ips[0]!["interface"]!.GetValue<int>().Should().Be(0);
        json["interfaces"]![0]!.AsObject().ContainsKey("mtu").Should().BeFalse();
        json["routes"]![0]!.AsObject().ContainsKey("priority").Should().BeFalse();
        json.ContainsKey("dns").Should().BeTrue();
    }

    [Fact]
    public void Add_V100Request_OmitsVersionAndV11Fields()
    {
        var json = Add("1.0.0");

        json["ips"]!.AsArray().Should().OnlyContain(ip => !ip!.AsObject().ContainsKey("version"));
        json["interfaces"]![0]!.AsObject().ContainsKey("mtu").Should().BeFalse();
        json["routes"]![0]!.AsObject().ContainsKey("priority").Should().BeFalse();
        json.ContainsKey("dns").Should().BeFalse();
    }

    [Fact]
    public void Add_V110Request_KeepsV11Fields()
    {
        var json = Add("1.1.0");

        json["interfaces"]![0]!["mtu"]!.GetValue<int>().Should().Be(1500);
        json["routes"]![0]!["priority"]!.GetValue<int>().Should().Be(10);
        json["interfaces"]![0]!["sandbox"]!.GetValue<string>().Should().Be("/var/run/netns/test");
    }

    private static JsonObject Add(string version)
    {
        var outcome = HostRun.Run(new RecordingPlugin(), HostRun.Env("ADD"), $$"""{"cniVersion":"{{version}}","name":"n","type":"t"}""");
        outcome.ExitCode.Should().Be(0, outcome.Stdout);
        return outcome.Json;
    }
}
