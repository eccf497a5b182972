using System.Net;
using CniTest.Harness.Results;
using CniTest.Harness.Results.V020;
using CniTest.Harness.Results.V040;
using CniTest.Harness.Results.V100;
using Dns = CniTest.Harness.Results.Dns;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Results;

/// <summary>The wire form a result is re-encoded in, as Go's typed results write it (R31, §3.4, §5.15).</summary>
public class ResultToJsonTests
{
    [Theory]
    [InlineData("0.1.0")]
    [InlineData("0.2.0")]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    public void ToJson_ZeroXWithoutDns_WritesEmptyDnsObject(string version)
    {
        // Arrange: Go's 0.x result types have no custom marshaller, so "dns":{} is always there (§5.15, R31).
        var result = ResultParser.Parse($$"""{"cniVersion":"{{version}}"}""");

        // Act
        var json = result.ToJson();

        // Assert
        ResultAssert.JsonEquivalent(json, $$$"""{"cniVersion":"{{{version}}}","dns":{}}""");
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void ToJson_OneXWithoutDns_OmitsDns(string version)
    {
        // Arrange: only types100.Result drops an empty dns (§5.15, R31); an empty-but-present dns counts as empty.
        var result = ResultParser.Parse($$$"""{"cniVersion":"{{{version}}}","ips":[{"address":"10.0.0.2/24"}],"dns":{"nameservers":[]}}""");

        // Act
        var json = result.ToJson();

        // Assert
        ResultAssert.JsonEquivalent(json, $$"""{"cniVersion":"{{version}}","ips":[{"address":"10.0.0.2/24"}]}""");
    }

    [Theory]
    [InlineData("""{"domain":"example.org"}""")]
    [InlineData("""{"nameservers":["10.0.0.1"]}""")]
    [InlineData("""{"search":["a"]}""")]
    [InlineData("""{"options":["ndots:5"]}""")]
    public void ToJson_OneXWithAnyDnsMember_WritesDns(string dns)
    {
        // Arrange
        var result = ResultParser.Parse($$"""{"cniVersion":"1.1.0","dns":{{dns}}}""");

        // Act
        var json = result.ToJson();

        // Assert
        ResultAssert.JsonEquivalent(json, $$"""{"cniVersion":"1.1.0","dns":{{dns}}}""");
    }

    [Fact]
    public void ToJson_EmptyResult100_IsOnlyTheVersion()
    {
        // Arrange: Go's omitempty on every slice (§3.4).
        var result = new Result100 { CniVersion = "1.1.0" };

        // Act
        var json = result.ToJson();

        // Assert
        ResultAssert.JsonEquivalent(json, """{"cniVersion":"1.1.0"}""");
    }

    [Theory]
    [InlineData("2001:DB8:0:0:0:0:0:5/64", "2001:db8::5/64")]
    [InlineData("2001:0db8:0000:0001:0001:0001:0001:0001/64", "2001:db8:0:1:1:1:1:1/64")]
    [InlineData("2001:db8:0:0:1:0:0:1/64", "2001:db8::1:0:0:1/64")]
    [InlineData("fe80:0:0:0:1:0:0:0/64", "fe80::1:0:0:0/64")]
    [InlineData("0:0:0:0:0:0:0:0/0", "::/0")]
    [InlineData("10.1.2.3/24", "10.1.2.3/24")]
    [InlineData("::10.1.2.3/128", "::a01:203/128")]
    [InlineData("::ffff:10.1.2.3/120", "10.1.2.3/24")]
    [InlineData("::ffff:10.1.2.3/64", "10.1.2.3/0")]
    public void ToJson_Cidr_IsGoCanonicalText(string input, string expected)
    {
        // Arrange: Go writes IPNet.String() of the parsed value: RFC 5952 hex for IPv6, dotted quad for anything
        // To4() accepts, so an IPv4-mapped address loses 96 bits of prefix (R31 "canonicalised").
        var result = ResultParser.Parse($$"""{"cniVersion":"1.0.0","ips":[{"address":"{{input}}"}]}""");

        // Act
        var json = result.ToJson();

        // Assert
        json["ips"]![0]!["address"]!.GetValue<string>().Should().Be(expected);
    }

    [Theory]
    [InlineData("2001:0DB8::0001", "2001:db8::1")]
    [InlineData("::ffff:10.1.2.1", "10.1.2.1")]
    [InlineData("::10.1.2.1", "::a01:201")]
    [InlineData("10.1.2.1", "10.1.2.1")]
    public void ToJson_Gateway_IsGoCanonicalText(string input, string expected)
    {
        // Arrange: Go's net.IP MarshalText (R31).
        var result = ResultParser.Parse($$"""{"cniVersion":"0.4.0","ips":[{"version":"4","address":"10.1.2.3/24","gateway":"{{input}}"}],"routes":[{"dst":"0.0.0.0/0","gw":"{{input}}"}]}""");

        // Act
        var json = result.ToJson();

        // Assert
        json["ips"]![0]!["gateway"]!.GetValue<string>().Should().Be(expected);
        json["routes"]![0]!["gw"]!.GetValue<string>().Should().Be(expected);
    }

    [Fact]
    public void ToJson_Route_ZeroIntsOmittedButZeroTableAndScopeKept()
    {
        // Arrange: mtu/advmss/priority are Go ints with omitempty, table/scope are pointers (R31).
        var route = new Route { Dst = Cidr.Parse("0.0.0.0/0"), Mtu = 0, AdvMss = 0, Priority = 0, Table = 0, Scope = 0 };
        var result = new Result100 { CniVersion = "1.1.0", Routes = [route] };

        // Act
        var json = result.ToJson();

        // Assert
        ResultAssert.JsonEquivalent(json, """{"cniVersion":"1.1.0","routes":[{"dst":"0.0.0.0/0","table":0,"scope":0}]}""");
    }

    [Fact]
    public void ToJson_Interface_ZeroIndexKeptEmptyStringsAndZeroMtuOmitted()
    {
        // Arrange: the interface index is a pointer (absent ≠ 0, §3.4); strings and mtu are omitempty.
        var result = new Result100
        {
            CniVersion = "1.0.0",
            Interfaces = [new Interface100 { Name = "eth0", Mac = "", Mtu = 0, Sandbox = "", SocketPath = "", PciID = "" }],
            IPs = [new IPConfig100 { Interface = 0, Address = Cidr.Parse("10.0.0.2/24") }],
        };

        // Act
        var json = result.ToJson();

        // Assert
        ResultAssert.JsonEquivalent(json, """{"cniVersion":"1.0.0","interfaces":[{"name":"eth0"}],"ips":[{"interface":0,"address":"10.0.0.2/24"}]}""");
    }

    [Fact]
    public void ToJson_Result040_WritesVersionAndIndexInGoKeyOrder()
    {
        // Arrange
        var result = new Result040
        {
            CniVersion = "0.3.1",
            IPs = [new IPConfig040 { Version = "6", Interface = 2, Address = Cidr.Parse("fd00::2/64"), Gateway = IPAddress.Parse("fd00::1") }],
        };

        // Act
        var text = result.ToJson().ToJsonString();

        // Assert: byte form only here, to pin Go's field order once (§3.4); elsewhere compare semantically.
        text.Should().Be("""{"cniVersion":"0.3.1","ips":[{"version":"6","interface":2,"address":"fd00::2/64","gateway":"fd00::1"}],"dns":{}}""");
    }

    [Fact]
    public void ToJson_Result020_WritesIp4ThenIp6()
    {
        // Arrange
        var result = new Result020
        {
            CniVersion = "0.2.0",
            IP6 = new IPConfig020 { IP = Cidr.Parse("fd00::2/64") },
            IP4 = new IPConfig020 { IP = Cidr.Parse("10.0.0.2/24"), Routes = [new Route020 { Dst = Cidr.Parse("0.0.0.0/0"), Gateway = IPAddress.Parse("10.0.0.1") }] },
            Dns = new Dns { Nameservers = ["10.0.0.1"] },
        };

        // Act
        var text = result.ToJson().ToJsonString();

        // Assert
        text.Should().Be("""{"cniVersion":"0.2.0","ip4":{"ip":"10.0.0.2/24","routes":[{"dst":"0.0.0.0/0","gw":"10.0.0.1"}]},"ip6":{"ip":"fd00::2/64"},"dns":{"nameservers":["10.0.0.1"]}}""");
    }
}
