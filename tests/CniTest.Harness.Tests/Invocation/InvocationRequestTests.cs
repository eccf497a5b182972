using CniTest.Harness.Invocation;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Invocation;

/// <summary>Environment rendering (checklist R23, R25).</summary>
public sealed class InvocationRequestTests
{
    private static InvocationRequest Request(string command = "ADD") =>
        new(command, "ctr1", "/run/netns/x", "eth0", [new("K8S_POD_NAME", "web"), new("IgnoreUnknown", "1")], ["/opt/cni/bin", "/usr/lib/cni"], []);

    [Fact]
    public void RenderCniVariables_Add_HasExactlyTheSixSpecVariables()
    {
        // Act
        var env = Request().RenderCniVariables();

        // Assert
        env.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = "ADD",
            ["CNI_CONTAINERID"] = "ctr1",
            ["CNI_NETNS"] = "/run/netns/x",
            ["CNI_IFNAME"] = "eth0",
            ["CNI_ARGS"] = "K8S_POD_NAME=web;IgnoreUnknown=1",
            ["CNI_PATH"] = "/opt/cni/bin:/usr/lib/cni",
        });
    }

    [Fact]
    public void RenderCniVariables_NullValues_RenderAsEmptyStrings()
    {
        // Arrange: GC and STATUS have no container; libcni still sets every variable, empty (R23)
        var request = new InvocationRequest("GC", null, null, null, [], ["/bin"], []);

        // Act
        var env = request.RenderCniVariables();

        // Assert
        env["CNI_CONTAINERID"].Should().BeEmpty();
        env["CNI_NETNS"].Should().BeEmpty();
        env["CNI_IFNAME"].Should().BeEmpty();
        env["CNI_ARGS"].Should().BeEmpty();
        env.Should().HaveCount(6);
    }

    [Fact]
    public void RenderCniVariables_WithOmissionAndOverride_AppliesBoth()
    {
        // Arrange
        var request = Request() with
        {
            OmitVariables = new HashSet<string> { "CNI_NETNS" },
            OverrideVariables = new Dictionary<string, string> { ["CNI_IFNAME"] = "bad name" },
        };

        // Act
        var env = request.RenderCniVariables();

        // Assert
        env.Should().NotContainKey("CNI_NETNS");
        env["CNI_IFNAME"].Should().Be("bad name");
    }

    [Fact]
    public void RenderArgs_ValueWithSemicolon_IsNotEscaped()
    {
        // Arrange: libcni renders without escaping (R25); we keep that so what plugins see matches runtimes
        var request = Request() with { Args = [new("A", "1;B=2")] };

        // Act / Assert
        request.RenderArgs().Should().Be("A=1;B=2");
    }
}
