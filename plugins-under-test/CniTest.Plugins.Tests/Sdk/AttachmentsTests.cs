using System.Text.Json.Nodes;
using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Errors;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Sdk;

/// <summary>The GC list in all shapes a runtime sends (P42).</summary>
public sealed class AttachmentsTests
{
    [Theory]
    [InlineData("""{"cni.dev/valid-attachments":[{"containerID":"a","ifname":"eth0"}]}""")]
    [InlineData("""{"cni.dev/attachments":[{"containerID":"a","ifname":"eth0"}]}""")]
    [InlineData("""{"cni.dev/valid-attachments":[{"containerID":"a","ifname":"eth0"}],"cni.dev/attachments":[{"containerID":"x","ifname":"y"}]}""")]
    public void ReadValid_EitherKey_ReadsTheList(string config)
    {
        var list = Attachments.ReadValid(JsonNode.Parse(config)!.AsObject());

        list.Should().Equal(new Attachment("a", "eth0"));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"cni.dev/valid-attachments":null}""")]
    [InlineData("""{"cni.dev/valid-attachments":[]}""")]
    public void ReadValid_AbsentNullOrEmpty_IsEmpty(string config)
    {
        Attachments.ReadValid(JsonNode.Parse(config)!.AsObject()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"cni.dev/valid-attachments":"a"}""")]
    [InlineData("""{"cni.dev/valid-attachments":[{"containerID":"a"}]}""")]
    public void ReadValid_WrongShape_IsDecodingError(string config)
    {
        var act = () => Attachments.ReadValid(JsonNode.Parse(config)!.AsObject());

        act.Should().Throw<CniPluginException>().Which.Code.Should().Be(CniErrorCodes.DecodingFailure);
    }
}
