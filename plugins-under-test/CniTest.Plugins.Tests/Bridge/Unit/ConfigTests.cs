using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using CniTest.Bridge.Config;
using CniTest.Bridge.Network;
using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Errors;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Bridge.Unit;

public sealed class ConfigTests
{
    [Fact]
    public void Parse_Minimal_GoDefaults()
    {
        // Act
        var config = BridgeConfigParser.Parse(Json("""{"name":"n","type":"cnitest-bridge"}"""), CniArgs.Empty);

        // Assert
        config.Should().BeEquivalentTo(new BridgeConfig { Name = "n", BridgeName = "cni0" });
    }

    [Fact]
    public void Parse_IsDefaultGateway_ImpliesIsGateway()
    {
        // Act
        var config = BridgeConfigParser.Parse(Json("""{"name":"n","isDefaultGateway":true,"ipam":{"type":"host-local"}}"""), CniArgs.Empty);

        // Assert
        config.IsGateway.Should().BeTrue();
        config.IpamType.Should().Be("host-local");
    }

    [Theory]
    [InlineData("""{"name":"n","hairpinMode":true,"promiscMode":true}""", 7u, "hairpin")]
    [InlineData("""{"name":"n","vlan":100}""", 2u, "\"vlan\": 100")]
    [InlineData("""{"name":"n","macspoofchk":true}""", 2u, "macspoofchk")]
    [InlineData("""{"name":"n","mtu":"1400"}""", 7u, "\"mtu\": \"1400\"")]
    [InlineData("""{"name":"n","isGateway":"yes"}""", 7u, "isGateway")]
    [InlineData("""{"name":"n","bridge":"a/b"}""", 7u, "bridge")]
    public void Parse_BadOrUnsupported_CodeAndMessageNameTheKey(string json, uint code, string inMessage)
    {
        // Act
        var act = () => BridgeConfigParser.Parse(Json(json), CniArgs.Empty);

        // Assert (P4: the message names key and value)
        var error = act.Should().Throw<CniPluginException>().Which;
        error.Code.Should().Be(code);
        error.Msg.Should().Contain(inMessage);
    }

    [Fact]
    public void Parse_MacFromEverywhere_RuntimeConfigWinsThenArgsThenCniArgs()
    {
        // Arrange
        var json = """{"name":"n","runtimeConfig":{"mac":"02:00:00:00:00:01"},"args":{"cni":{"mac":"02:00:00:00:00:02"}}}""";

        // Act
        var all = BridgeConfigParser.Parse(Json(json), Args("IgnoreUnknown=1;MAC=02:00:00:00:00:03"));
        var argsOnly = BridgeConfigParser.Parse(Json("""{"name":"n","args":{"cni":{"mac":"02:00:00:00:00:02"}}}"""), Args("MAC=02:00:00:00:00:03"));
        var cniArgsOnly = BridgeConfigParser.Parse(Json("""{"name":"n"}"""), Args("MAC=02:00:00:00:00:03"));

        // Assert (P50, P51)
        all.Mac.Should().Be(PhysicalAddress.Parse("02-00-00-00-00-01"));
        argsOnly.Mac.Should().Be(PhysicalAddress.Parse("02-00-00-00-00-02"));
        cniArgsOnly.Mac.Should().Be(PhysicalAddress.Parse("02-00-00-00-00-03"));
    }

    [Fact]
    public void AttachmentAlias_RoundTrip_OnlyForItsNetwork()
    {
        // Arrange
        var alias = AttachmentAlias.Format("net1", new Attachment("abc.def-1", "eth0"));

        // Act
        var ours = AttachmentAlias.TryParse(alias, "net1", out var attachment);
        var other = AttachmentAlias.TryParse(alias, "net2", out _);

        // Assert
        alias.Should().Be("cni net1/abc.def-1/eth0");
        ours.Should().BeTrue();
        attachment.Should().Be(new Attachment("abc.def-1", "eth0"));
        other.Should().BeFalse();
        AttachmentAlias.TryParse(null, "net1", out _).Should().BeFalse();
    }

    private static JsonObject Json(string text) => (JsonObject)JsonNode.Parse(text)!;

    private static CniArgs Args(string text) => CniArgs.Parse(text, BridgeConfigParser.CniArgsKeys);
}
