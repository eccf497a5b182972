using CniTest.Harness.Results;
using CniTest.Harness.Results.V020;
using CniTest.Harness.Results.V040;
using CniTest.Harness.Results.V100;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Results;

/// <summary>The individual rules of Go's conversion matrix that the rich samples do not isolate (R42, R43, §5.16).</summary>
public class ResultConverterRuleTests
{
    [Fact]
    public void Convert040To020_VersionFieldDecidesNotTheAddress()
    {
        // Arrange: an IPv4 address labelled "6" becomes ip6, and then no IPv4 route has an ip4 to go to (§5.16).
        var source = ResultParser.Parse("""
            {"cniVersion":"0.4.0","ips":[{"version":"6","address":"10.0.0.5/24"}],
             "routes":[{"dst":"0.0.0.0/0","gw":"10.0.0.1"}]}
            """);

        // Act
        var converted = ResultConverter.Convert(source, "0.2.0");

        // Assert
        ResultAssert.JsonEquivalent(converted.ToJson(), """{"cniVersion":"0.2.0","ip6":{"ip":"10.0.0.5/24"},"dns":{}}""");
    }

    [Fact]
    public void Convert100To020_VersionComputedFromAddressIncludingIPv4Mapped()
    {
        // Arrange: 1.x → 0.4.0 computes "4" for IPv4-mapped IPv6 (Go's To4() != nil, R42), so it becomes ip4.
        var source = ResultParser.Parse("""{"cniVersion":"1.0.0","ips":[{"address":"::ffff:10.0.0.5/120"},{"address":"fd00::5/64"}]}""");

        // Act
        var converted = (Result020)ResultConverter.Convert(source, "0.2.0");

        // Assert
        converted.IP4!.IP.IsIPv4.Should().BeTrue();
        converted.IP6!.IP.Should().Be(Cidr.Parse("fd00::5/64"));
    }

    [Fact]
    public void Convert040To020_RouteWithoutConfigOfItsFamily_IsDropped()
    {
        // Arrange
        var source = ResultParser.Parse("""
            {"cniVersion":"0.3.1","ips":[{"version":"4","address":"10.0.0.5/24"}],
             "routes":[{"dst":"::/0","gw":"fd00::1"},{"dst":"10.8.0.0/16","gw":"10.0.0.1","mtu":1300}]}
            """);

        // Act
        var converted = ResultConverter.Convert(source, "0.1.0");

        // Assert
        ResultAssert.JsonEquivalent(converted.ToJson(), """
            {"cniVersion":"0.1.0","ip4":{"ip":"10.0.0.5/24","routes":[{"dst":"10.8.0.0/16","gw":"10.0.0.1"}]},"dns":{}}
            """);
    }

    [Fact]
    public void Convert040To020_UnknownVersionField_IsIgnored()
    {
        // Arrange
        var source = ResultParser.Parse("""
            {"cniVersion":"0.4.0","ips":[{"version":"","address":"10.0.0.9/24"},{"version":"4","address":"10.0.0.5/24"}]}
            """);

        // Act
        var converted = (Result020)ResultConverter.Convert(source, "0.2.0");

        // Assert
        converted.IP4!.IP.Should().Be(Cidr.Parse("10.0.0.5/24"));
        converted.IP6.Should().BeNull();
    }

    [Theory]
    [InlineData("""{"cniVersion":"0.4.0","interfaces":[{"name":"lo","sandbox":"/run/netns/x"}]}""", "0.2.0")]
    [InlineData("""{"cniVersion":"1.0.0","interfaces":[{"name":"lo","sandbox":"/run/netns/x"}]}""", "0.1.0")]
    [InlineData("""{"cniVersion":"0.3.0","ips":[{"version":"x","address":"10.0.0.9/24"}]}""", "0.2.0")]
    public void ConvertTo020_NoIPAddresses_Throws(string json, string to)
    {
        // Arrange: loopback with a 0.2.0 config (containerd/go-cni#28, §5.16).
        var source = ResultParser.Parse(json);

        // Act
        var act = () => ResultConverter.Convert(source, to);

        // Assert
        act.Should().Throw<ResultConversionException>().WithMessage("cannot convert: no valid IP addresses");
    }

    [Fact]
    public void Convert020To020_EmptyResult_IsAllowed()
    {
        // Arrange: within 0.1/0.2 only cniVersion changes, so no IP check applies (R42).
        var source = ResultParser.Parse("""{"cniVersion":"0.1.0"}""");

        // Act
        var converted = ResultConverter.Convert(source, "0.2.0");

        // Assert
        ResultAssert.JsonEquivalent(converted.ToJson(), """{"cniVersion":"0.2.0","dns":{}}""");
    }

    [Theory]
    [InlineData("1.1.0", "1.0.0")]
    [InlineData("1.0.0", "1.1.0")]
    public void Convert100Within_OnlyVersionChanges_OneDotOneFieldsKept(string from, string to)
    {
        // Arrange: 1.0.0 ↔ 1.1.0 changes cniVersion only; Go keeps mtu/socketPath/pciID and route fields (R41, R42).
        var source = (Result100)ResultParser.Parse(ResultSamples.Rich(from));

        // Act
        var converted = ResultConverter.Convert(source, to);

        // Assert
        ResultAssert.SameResult(converted, source with { CniVersion = to });
        ((Result100)converted).Interfaces[1].PciID.Should().Be("0000:00:1f.6");
    }

    [Theory]
    [InlineData("0.3.0", "0.4.0")]
    [InlineData("0.4.0", "0.3.1")]
    [InlineData("0.3.1", "0.3.0")]
    public void Convert040Within_OnlyVersionChanges(string from, string to)
    {
        // Arrange
        var source = (Result040)ResultParser.Parse(ResultSamples.Rich(from));

        // Act
        var converted = ResultConverter.Convert(source, to);

        // Assert
        ResultAssert.SameResult(converted, source with { CniVersion = to });
    }

    [Fact]
    public void Convert100To040_RouteOneDotOneFieldsKept_InterfaceOnesDropped()
    {
        // Arrange: Go shares the route type but not the interface type (R42, §5.17).
        var source = ResultParser.Parse("""
            {"cniVersion":"1.1.0","interfaces":[{"name":"eth0","mtu":9000,"socketPath":"/s","pciID":"0000:01:00.0"}],
             "ips":[{"interface":0,"address":"10.0.0.5/24"}],
             "routes":[{"dst":"10.8.0.0/16","mtu":1300,"advmss":1260,"priority":5,"table":0,"scope":0}]}
            """);

        // Act
        var converted = ResultConverter.Convert(source, "0.4.0");

        // Assert
        ResultAssert.JsonEquivalent(converted.ToJson(), """
            {"cniVersion":"0.4.0","interfaces":[{"name":"eth0"}],
             "ips":[{"version":"4","interface":0,"address":"10.0.0.5/24"}],
             "routes":[{"dst":"10.8.0.0/16","mtu":1300,"advmss":1260,"priority":5,"table":0,"scope":0}],"dns":{}}
            """);
    }

    [Fact]
    public void Convert020To100_ThenBack_KeepsTheData()
    {
        // Arrange: up-conversion never loses 0.2 data (CniResultExtensions.ToCurrent relies on it).
        var source = ResultParser.Parse(ResultSamples.Rich("0.2.0"));

        // Act
        var back = ResultConverter.Convert(ResultConverter.Convert(source, "1.1.0"), "0.2.0");

        // Assert
        ResultAssert.SameResult(back, source);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Convert_EmptyTarget_Is010(string? to)
    {
        // Arrange: R42 "empty target → 0.1.0".
        var source = ResultParser.Parse(ResultSamples.Rich("1.0.0"));

        // Act
        var converted = ResultConverter.Convert(source, to!);

        // Assert
        converted.Should().BeOfType<Result020>().Which.CniVersion.Should().Be("0.1.0");
    }

    [Theory]
    [InlineData("1.0.0", "0.5.0")]
    [InlineData("0.4.0", "1.1")]
    [InlineData("0.2.0", "2.0.0")]
    public void Convert_UnknownTarget_ThrowsNoConverter(string from, string to)
    {
        // Arrange
        var source = ResultParser.Parse(ResultSamples.Rich(from));

        // Act
        var act = () => ResultConverter.Convert(source, to);

        // Assert
        act.Should().Throw<ResultConversionException>().WithMessage($"no converter for CNI result version {from} to {to}");
    }

    [Fact]
    public void Convert_TypedResultWithEmptyVersion_IsTakenAsFamilyNewest()
    {
        // Arrange: R43, GetAsVersion stamps the type's own version first.
        var source = new Result040 { CniVersion = "", IPs = [new IPConfig040 { Version = "4", Address = Cidr.Parse("10.0.0.5/24") }] };

        // Act
        var act = () => ResultConverter.Convert(source, "9.9.9");
        var converted = ResultConverter.Convert(source, "1.0.0");

        // Assert
        act.Should().Throw<ResultConversionException>().WithMessage("no converter for CNI result version 0.4.0 to 9.9.9");
        converted.CniVersion.Should().Be("1.0.0");
        ((Result100)converted).IPs.Should().ContainSingle().Which.Address.Should().Be(Cidr.Parse("10.0.0.5/24"));
    }

    [Fact]
    public void Convert_ForeignResultType_ThrowsNoConverter()
    {
        // Act
        var act = () => ResultConverter.Convert(new ForeignResult(), "1.0.0");

        // Assert
        act.Should().Throw<ResultConversionException>().WithMessage("no converter for CNI result version 7.0.0 to 1.0.0");
    }

    [Theory]
    [InlineData("0.1.0")]
    [InlineData("0.3.1")]
    [InlineData("1.0.0")]
    public void ToCurrent_AnyFamily_Is110(string from)
    {
        // Act
        var current = ResultParser.Parse(ResultSamples.Rich(from)).ToCurrent();

        // Assert
        current.CniVersion.Should().Be("1.1.0");
        current.IPs.Select(ip => ip.Address.ToString()).Should().Contain(["10.1.2.3/24", "2001:db8::5/64"]);
    }

    [Fact]
    public void Table_HoldsAllNineFamilyPairs()
    {
        // Act
        var pairs = ResultConverter.Pairs;

        // Assert
        var families = Enum.GetValues<ResultFamily>();
        pairs.Should().BeEquivalentTo(families.SelectMany(f => families.Select(t => (f, t))));
    }

    private sealed class ForeignResult : ICniResult
    {
        public string CniVersion => "7.0.0";

        public ICniResult ConvertTo(string version) => throw new NotSupportedException();

        public System.Text.Json.Nodes.JsonObject ToJson() => [];
    }
}
