using CniTest.Ipam.Net;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Ipam;

/// <summary>Address text must match Go's <c>net.IP.String()</c>: it is the reservation file name.</summary>
public sealed class IpValueTests
{
    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    [InlineData("FD00:0:0:0:0:0:0:2", "fd00::2")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData("2001:0:0:1:0:0:0:1", "2001:0:0:1::1")]
    [InlineData("::1", "::1")]
    [InlineData("::", "::")]
    [InlineData("::c0a8:1", "::c0a8:1")]
    [InlineData("fe80:0:0:1:0:0:0:0", "fe80:0:0:1::")]
    [InlineData("fe80:0:0:0:1:0:0:0", "fe80::1:0:0:0")]
    public void ToString_AnyAddress_MatchesGoFormatting(string input, string expected)
    {
        IpValue.TryParse(input, out var ip).Should().BeTrue();

        ip.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("10.0.0.255", "10.0.1.0")]
    [InlineData("255.255.255.255", "0.0.0.0")]
    [InlineData("fd00::ffff", "fd00::1:0")]
    public void Next_Address_IsOneHigher(string input, string expected)
    {
        IpValue.TryParse(input, out var ip);

        ip.Next().ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("10.0.0.1/24")]
    [InlineData("")]
    [InlineData("banana")]
    public void TryParse_NotABareAddress_Fails(string input)
    {
        IpValue.TryParse(input, out _).Should().BeFalse();
    }
}
