using CniTest.Scenarios.Reporting;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Reporting;

public sealed class ReplayCommandTests
{
    [Fact]
    public void For_RecordInRunDirectory_RewritesSandboxAndPrivatePaths()
    {
        // Arrange
        var stdin = "{\"ipam\":{\"dataDir\":\"/tmp/cnitest-run-AbC123/check4/ipam\"},\"prevResult\":{\"interfaces\":[{\"sandbox\":\"/tmp/cnitest-run-AbC123/check4/netns/sandbox2\"}]}}";
        var record = Builders.Record("ADD", stdin: stdin);

        // Act
        var replay = ReplayCommand.For(record);

        // Assert
        replay.Should().Contain("ip netns add cnitest-host; ip netns add cnitest-sandbox2");
        replay.Should().Contain("CNI_NETNS=/run/netns/cnitest-sandbox2");
        replay.Should().Contain("\"dataDir\":\"/tmp/cnitest-replay/ipam\"");
        replay.Should().Contain("\"sandbox\":\"/run/netns/cnitest-sandbox2\"");
        replay.Should().NotContain("cnitest-run-AbC123");
        replay.Should().Contain("/usr/lib/cni/bridge <<'CNI_STDIN'");
    }

    [Fact]
    public void For_OmittedVariable_UnsetsIt()
    {
        // Arrange
        var record = Builders.Record() with
        {
            Environment = new Dictionary<string, string> { ["CNI_COMMAND"] = "ADD", ["CNI_CONTAINERID"] = "c1" },
        };

        // Act
        var replay = ReplayCommand.For(record);

        // Assert
        replay.Should().Contain("env -u CNI_NETNS -u CNI_IFNAME -u CNI_ARGS -u CNI_PATH CNI_COMMAND=ADD CNI_CONTAINERID=c1");
    }

    [Fact]
    public void For_EmptyStdin_ReadsDevNull()
    {
        // Arrange
        var record = Builders.Record(stdin: "");

        // Act
        var replay = ReplayCommand.For(record);

        // Assert
        replay.Should().Contain(" </dev/null");
    }

    [Theory]
    [InlineData("plain-value", "plain-value")]
    [InlineData("", "''")]
    [InlineData("../bad id", "'../bad id'")]
    [InlineData("it's", "'it'\\''s'")]
    public void Quote_Value_IsShellSafe(string value, string expected)
    {
        // Act
        var quoted = ReplayCommand.Quote(value);

        // Assert
        quoted.Should().Be(expected);
    }
}
