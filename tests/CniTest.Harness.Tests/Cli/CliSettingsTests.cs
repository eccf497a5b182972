using CniTest.Cli;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Cli;

/// <summary>cnitool-compatible parsing of CNI_ARGS, CAP_ARGS and container ids (checklist §4.1).</summary>
public sealed class CliSettingsTests
{
    [Fact]
    public void FromNetnsPath_MatchesTheIdRealCnitoolDerived()
    {
        // The id cnitool 1.1.2 printed for /var/run/netns/anc-c5 (shared/bench/ANCHORS.md §2f)
        ContainerIds.FromNetnsPath("/var/run/netns/anc-c5").Should().Be("cnitool-07f46e343f7729b7e85a");
    }

    [Fact]
    public void ParseCniArgs_Pairs_KeepOrder()
    {
        AttachmentSettings.ParseCniArgs("IgnoreUnknown=1;K8S_POD_NAME=web")
            .Should().Equal([new KeyValuePair<string, string>("IgnoreUnknown", "1"), new("K8S_POD_NAME", "web")]);
    }

    [Theory]
    [InlineData("K=")]
    [InlineData("=V")]
    [InlineData("K=a=b")]
    [InlineData("K=V;")]
    public void ParseCniArgs_MalformedPair_IsAUsageError(string value)
    {
        var act = () => AttachmentSettings.ParseCniArgs(value);
        act.Should().Throw<UsageException>().WithMessage("invalid CNI_ARGS pair*");
    }

    [Fact]
    public void ParseCapArgs_Object_GivesOneEntryPerCapability()
    {
        var caps = AttachmentSettings.ParseCapArgs("""{"portMappings":[{"hostPort":80}],"mac":"c2:11:22:33:44:55"}""");
        caps.Keys.Should().BeEquivalentTo("portMappings", "mac");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1]")]
    public void ParseCapArgs_NotAnObject_IsAUsageError(string value)
    {
        var act = () => AttachmentSettings.ParseCapArgs(value);
        act.Should().Throw<UsageException>();
    }
}
