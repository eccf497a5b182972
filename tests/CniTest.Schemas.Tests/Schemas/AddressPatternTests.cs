using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CniTest.Harness.Results;
using CniTest.Schemas.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Schemas;

/// <summary>
/// The IP and CIDR patterns of common/net.schema.json agree with the Harness's Go-compatible parsers
/// (<see cref="Cidr"/>, R44) on hand-picked edge cases and on many random addresses.
/// </summary>
public sealed class AddressPatternTests
{
    private static readonly JsonNode Definitions =
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Schemas, "common", "net.schema.json")))!["definitions"]!;

    private static Regex Pattern(string name) => new(Definitions[name]!["pattern"]!.GetValue<string>());

    [Theory]
    [InlineData("10.1.0.5/16", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("255.255.255.255/32", true)]
    [InlineData("10.1.0.5/33", false)]
    [InlineData("10.1.0.5", false)]
    [InlineData("010.1.0.5/8", false)]
    [InlineData("10.1.0.256/8", false)]
    [InlineData("::/0", true)]
    [InlineData("fd00::5/64", true)]
    [InlineData("fd00::5/129", false)]
    [InlineData("::ffff:10.1.0.5/120", true)]
    [InlineData("fe80::1%eth0/64", false)]
    [InlineData("1:2:3:4:5:6:7:8:9/64", false)]
    [InlineData("10.1.0.5/ 16", false)]
    public void CidrPattern_EdgeCases_AgreesWithCidrParser(string text, bool valid)
    {
        Pattern("cidr").IsMatch(text).Should().Be(valid);
        Cidr.TryParse(text, out _).Should().Be(valid);
    }

    [Fact]
    public void IpAndCidrPatterns_RandomAddresses_AgreeWithTheParsers()
    {
        // Arrange
        var random = new Random(4);
        var ip = Pattern("ip");
        var cidr = Pattern("cidr");
        var disagreements = new List<string>();

        // Act
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(2) == 0 ? 4 : 16];
            random.NextBytes(bytes);
            if (bytes.Length == 16 && random.Next(3) == 0)
            {
                Array.Clear(bytes, 0, 10 + random.Next(4)); // runs of zeros, so "::" compression is exercised
            }

            var text = new IPAddress(bytes).ToString();
            var withPrefix = $"{text}/{random.Next(bytes.Length * 8 + 8)}";
            if (ip.IsMatch(text) != IPText.TryParse(text, out _))
            {
                disagreements.Add(text);
            }

            if (cidr.IsMatch(withPrefix) != Cidr.TryParse(withPrefix, out _))
            {
                disagreements.Add(withPrefix);
            }
        }

        // Assert
        disagreements.Should().BeEmpty();
    }

    [Theory]
    [InlineData("00:11:22:33:44:55", true)]
    [InlineData("AA:bb:CC:dd:EE:ff", true)]
    [InlineData("00:11:22:33:44:55:66:77", true)] // EUI-64
    [InlineData("00:11:22:33:44", false)]
    [InlineData("00-11-22-33-44-55", false)]
    [InlineData("0011.2233.4455", false)]
    public void MacPattern_Forms_AreThoseGoPrints(string text, bool valid) =>
        Pattern("mac").IsMatch(text).Should().Be(valid);
}
