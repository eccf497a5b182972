using System.Net;
using CniTest.Harness.Results;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Results;

/// <summary>Go's <c>net.IP.String()</c> text, which results are re-encoded in (R31).</summary>
public class IPTextFormatTests
{
    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData("::10.0.0.1", "::a00:1")]
    [InlineData("::ffff:0:10.0.0.1", "::ffff:0:a00:1")]
    [InlineData("64:ff9b::10.0.0.1", "64:ff9b::a00:1")]
    [InlineData("1:2:3:4:5:6:10.0.0.1", "1:2:3:4:5:6:a00:1")]
    [InlineData("1:0:0:2:0:0:0:3", "1:0:0:2::3")]
    [InlineData("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7")]
    [InlineData("FD00::ABCD", "fd00::abcd")]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    public void Format_Address_IsGoText(string input, string expected)
    {
        // Act
        var text = IPText.Format(IPAddress.Parse(input));

        // Assert
        text.Should().Be(expected);
    }

    [Fact]
    public void Format_GoText_ParsesBackToTheSameAddress()
    {
        // Arrange: every embedded-IPv4 form must survive the hex rewrite.
        var addresses = new[] { "::10.0.0.1", "::ffff:0:10.0.0.1", "64:ff9b::10.0.0.1", "1:2:3:4:5:6:10.0.0.1" }.Select(IPAddress.Parse);

        // Act / Assert
        foreach (var address in addresses)
        {
            IPText.TryParse(IPText.Format(address), out var back).Should().BeTrue();
            back.Should().Be(address);
        }
    }
}
