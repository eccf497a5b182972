using System.Net;
using CniTest.Harness.Results;
using CniTest.Harness.Results.V020;
using CniTest.Harness.Results.V040;
using CniTest.Harness.Results.V100;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Results;

/// <summary>What the parser reads from each family, what it ignores, and how it reports malformed members (R44, §3.4).</summary>
public class ResultParserContentTests
{
    [Fact]
    public void Parse_Rich020_ReadsEveryMember()
    {
        // Act
        var r = (Result020)ResultParser.Parse(ResultSamples.Rich("0.2.0"));

        // Assert
        r.IP4!.IP.Should().Be(Cidr.Parse("10.1.2.3/24"));
        r.IP4.Gateway.Should().Be(IPAddress.Parse("10.1.2.1"));
        r.IP4.Routes.Select(x => (x.Dst.ToString(), x.Gateway?.ToString()))
            .Should().Equal(("0.0.0.0/0", "10.1.2.1"), ("192.168.0.0/16", null));
        r.IP6!.IP.Should().Be(Cidr.Parse("2001:db8::5/64"));
        r.IP6.Routes.Should().ContainSingle().Which.Dst.Should().Be(Cidr.Parse("::/0"));
        r.Dns.Nameservers.Should().Equal("10.1.2.1", "2001:db8::1");
        r.Dns.Domain.Should().Be("example.org");
        r.Dns.Search.Should().Equal("example.org", "svc.example.org");
        r.Dns.Options.Should().Equal("ndots:2");
    }

    [Fact]
    public void Parse_Rich040_ReadsEveryMember()
    {
        // Act
        var r = (Result040)ResultParser.Parse(ResultSamples.Rich("0.4.0"));

        // Assert
        r.Interfaces.Select(i => (i.Name, i.Mac, i.Sandbox))
            .Should().Equal(("cni0", "0a:58:0a:01:02:01", null), ("eth0", "0a:58:0a:01:02:03", "/var/run/netns/c1"));
        r.IPs.Select(ip => (ip.Version, ip.Interface, ip.Address.ToString(), ip.Gateway?.ToString())).Should().Equal(
            ("6", 1, "2001:db8::5/64", "2001:db8::1"),
            ("4", 1, "10.1.2.3/24", "10.1.2.1"),
            ("4", 0, "10.9.9.9/8", null),
            ("6", null, "fd00::9/128", null));
        var extra = r.Routes[2];
        (extra.Mtu, extra.AdvMss, extra.Priority, extra.Table, extra.Scope).Should().Be((1400, 1360, 10, 100, 253));
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void Parse_Rich100_ReadsOneDotOneFieldsInBothVersions(string version)
    {
        // Act: Go shares one type for 1.0.0 and 1.1.0, so 1.0.0 results keep the 1.1 fields (R41, §5.17).
        var r = (Result100)ResultParser.Parse(ResultSamples.Rich(version));

        // Assert
        var eth0 = r.Interfaces[1];
        (eth0.Name, eth0.Mac, eth0.Mtu, eth0.Sandbox, eth0.SocketPath, eth0.PciID).Should().Be(
            ("eth0", "0a:58:0a:01:02:03", 1450, "/var/run/netns/c1", "/run/vhost/eth0.sock", "0000:00:1f.6"));
        r.IPs.Select(ip => ip.Interface).Should().Equal(1, 1, 0, null);
        r.Routes[2].Scope.Should().Be(253);
    }

    [Fact]
    public void Parse_UnknownKeys_AreIgnoredAndDroppedOnReEncode()
    {
        // Arrange: unknown keys everywhere, including a "version" inside a 1.x ips entry (Errata P16) (R31, §5.17).
        const string json = """
            {"cniVersion":"1.0.0","vendor":{"x":1},
             "interfaces":[{"name":"eth0","colour":"blue"}],
             "ips":[{"version":"4","address":"10.0.0.2/24","note":"n"}],
             "routes":[{"dst":"0.0.0.0/0","weight":3}],
             "dns":{"nameservers":["10.0.0.1"],"rotate":true}}
            """;

        // Act
        var output = ResultParser.Parse(json).ToJson();

        // Assert
        ResultAssert.JsonEquivalent(output, """
            {"cniVersion":"1.0.0","interfaces":[{"name":"eth0"}],"ips":[{"address":"10.0.0.2/24"}],
             "routes":[{"dst":"0.0.0.0/0"}],"dns":{"nameservers":["10.0.0.1"]}}
            """);
    }

    [Fact]
    public void Parse_UnknownKeysIn020_AreIgnored()
    {
        // Arrange: ips/interfaces are unknown to 0.2.0 (R41).
        const string json = """{"cniVersion":"0.2.0","ips":[{"address":"10.0.0.2/24"}],"ip4":{"ip":"10.0.0.3/24","extra":1}}""";

        // Act
        var output = ResultParser.Parse(json).ToJson();

        // Assert
        ResultAssert.JsonEquivalent(output, """{"cniVersion":"0.2.0","ip4":{"ip":"10.0.0.3/24"},"dns":{}}""");
    }

    [Theory]
    [InlineData("""{"cniVersion":"0.4.0","ips":[{"version":"4","address":"10.0.0.2/24","gateway":""}]}""")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.2/24","gateway":null}]}""")]
    public void Parse_EmptyOrNullGateway_IsAbsent(string json)
    {
        // Act: Go's net.IP decodes "" as nil (R44).
        var current = ResultParser.Parse(json).ToCurrent();

        // Assert
        current.IPs.Should().ContainSingle().Which.Gateway.Should().BeNull();
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.2/24"},{"address":"10.0.0.300/24"}]}""", "ips[1].address: \"10.0.0.300/24\" is not a CIDR")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.2"}]}""", "ips[0].address: \"10.0.0.2\" is not a CIDR")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.2/33"}]}""", "ips[0].address: *not a CIDR")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"fd00::2/129"}]}""", "ips[0].address: *not a CIDR")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"010.0.0.2/24"}]}""", "ips[0].address: *not a CIDR")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"gateway":"10.0.0.1"}]}""", "ips[0].address: missing*")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.2/24","gateway":"fe80::1%eth0"}]}""", "ips[0].gateway: \"fe80::1%eth0\" is not an IP address")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.2/24","gateway":"10"}]}""", "ips[0].gateway: *not an IP address")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.2/24","interface":"0"}]}""", "ips[0].interface: expected an integer, got string")]
    [InlineData("""{"cniVersion":"1.1.0","interfaces":[{"name":"eth0","mtu":1500.5}]}""", "interfaces[0].mtu: expected an integer*")]
    [InlineData("""{"cniVersion":"1.1.0","interfaces":{"name":"eth0"}}""", "interfaces: expected an array, got object")]
    [InlineData("""{"cniVersion":"1.1.0","interfaces":[{"name":7}]}""", "interfaces[0].name: expected a string, got number")]
    [InlineData("""{"cniVersion":"1.1.0","routes":[{"gw":"10.0.0.1"}]}""", "routes[0].dst: missing*")]
    [InlineData("""{"cniVersion":"1.1.0","routes":[{"dst":"0.0.0.0/0","table":"main"}]}""", "routes[0].table: expected an integer, got string")]
    [InlineData("""{"cniVersion":"1.1.0","routes":[7]}""", "routes[0]: expected an object, got number")]
    [InlineData("""{"cniVersion":"0.4.0","routes":[{"dst":"0.0.0.0/0","gw":"10.0.0.256"}]}""", "routes[0].gw: *not an IP address")]
    [InlineData("""{"cniVersion":"0.3.1","ips":[{"version":4,"address":"10.0.0.2/24"}]}""", "ips[0].version: expected a string, got number")]
    [InlineData("""{"cniVersion":"0.2.0","ip4":{"gateway":"10.0.0.1"}}""", "ip4.ip: missing*")]
    [InlineData("""{"cniVersion":"0.2.0","ip6":"fd00::2/64"}""", "ip6: expected an object, got string")]
    [InlineData("""{"cniVersion":"0.1.0","ip4":{"ip":"10.0.0.2/24","routes":[{"dst":"10.1.0.0/16","gw":"x"}]}}""", "ip4.routes[0].gw: \"x\" is not an IP address")]
    [InlineData("""{"cniVersion":"1.0.0","dns":{"nameservers":"10.0.0.1"}}""", "dns.nameservers: expected an array, got string")]
    [InlineData("""{"cniVersion":"0.4.0","dns":{"nameservers":[1]}}""", "dns.nameservers[0]: expected a string, got number")]
    [InlineData("""{"cniVersion":"0.4.0","dns":[]}""", "dns: expected an object, got array")]
    public void Parse_MalformedMember_ThrowsNamingPathAndValue(string json, string expectedMessage)
    {
        // Act
        var act = () => ResultParser.Parse(json);

        // Assert
        act.Should().Throw<ResultParseException>().WithMessage(expectedMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"cniVersion\":\"1.0.0\",")]
    [InlineData("not json")]
    public void Parse_NotJson_ThrowsUnmarshalError(string text)
    {
        // Act: R27 "empty stdout → failed to unmarshal raw result".
        var act = () => ResultParser.Parse(text, "1.0.0");

        // Assert
        act.Should().Throw<ResultParseException>().WithMessage("failed to unmarshal raw result*");
    }

    [Theory]
    [InlineData("[]", "array")]
    [InlineData("\"1.0.0\"", "string")]
    [InlineData("42", "number")]
    public void Parse_NotAnObject_Throws(string text, string kind)
    {
        // Act
        var act = () => ResultParser.Parse(text, "1.0.0");

        // Assert
        act.Should().Throw<ResultParseException>().WithMessage($"failed to unmarshal raw result: expected a JSON object, got {kind}");
    }

    [Fact]
    public void Parse_NullArrayElements_AreEmptyEntriesLikeGo()
    {
        // Arrange: Go decodes a null element of []*Interface as nil; here an entry with no members (name "").
        const string json = """{"cniVersion":"1.0.0","interfaces":[null],"dns":{"search":[null]}}""";

        // Act
        var r = (Result100)ResultParser.Parse(json);

        // Assert
        r.Interfaces.Should().ContainSingle().Which.Name.Should().BeEmpty();
        r.Dns.Search.Should().Equal("");
    }

    [Fact]
    public void Parse_HostBitsAndNegativeInterfaceIndex_AreKept()
    {
        // Arrange: host bits stay (Go's types.ParseCIDR); -1 is parsed leniently (§3.4 "parse leniently").
        const string json = """{"cniVersion":"0.3.1","ips":[{"version":"4","interface":-1,"address":"10.0.0.7/8"}]}""";

        // Act
        var ip = ((Result040)ResultParser.Parse(json)).IPs.Single();

        // Assert
        ip.Interface.Should().Be(-1);
        ip.Address.ToString().Should().Be("10.0.0.7/8");
    }
}
