using System.Net;
using CniTest.Harness.Results;
using CniTest.Harness.Results.V020;
using CniTest.Harness.Results.V040;
using CniTest.Harness.Results.V100;
using Dns = CniTest.Harness.Results.Dns;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Results;

/// <summary>
/// parse(ToJson(r)) is r again, for every version: what libcni relies on when it re-encodes a typed result as the
/// next plugin's <c>prevResult</c> or into the cache (R31, R37).
/// </summary>
public class ResultRoundTripTests
{
    public static TheoryData<string> Versions() => new(ResultSamples.AllVersions);

    [Theory]
    [MemberData(nameof(Versions))]
    public void RoundTrip_ParsedRichResult_IsUnchanged(string version)
    {
        // Arrange
        var original = ResultParser.Parse(ResultSamples.Rich(version));

        // Act
        var again = ResultParser.Parse(original.ToJson());

        // Assert
        ResultAssert.SameResult(again, original);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void RoundTrip_RichResult_JsonIsTheInputJson(string version)
    {
        // Arrange: the samples are already canonical and have no unknown keys, so nothing may change.
        var input = ResultSamples.Rich(version);

        // Act
        var output = ResultParser.Parse(input).ToJson();

        // Assert
        ResultAssert.JsonEquivalent(output, input);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void RoundTrip_MinimalResult_IsUnchanged(string version)
    {
        // Arrange: empty dns, no lists; the 0.x "dns":{} must read back as an empty dns.
        var original = ResultParser.Parse($$"""{"cniVersion":"{{version}}"}""");

        // Act
        var again = ResultParser.Parse(original.ToJson().ToJsonString());

        // Assert
        ResultAssert.SameResult(again, original);
    }

    public static TheoryData<ICniResult> BuiltResults() => new((ICniResult[])[
        new Result020
        {
            CniVersion = "0.1.0",
            IP6 = new IPConfig020 { IP = Cidr.Parse("fd00::7/64"), Gateway = IPAddress.Parse("fd00::1") },
            Dns = new Dns { Domain = "d" },
        },
        new Result040
        {
            CniVersion = "0.4.0",
            Interfaces = [new Interface040 { Name = "veth1", Mac = "aa:bb:cc:dd:ee:ff" }],
            IPs = [new IPConfig040 { Version = "4", Interface = 0, Address = Cidr.Parse("192.0.2.9/25") }],
            Routes = [new Route { Dst = Cidr.Parse("198.51.100.0/24"), Gateway = IPAddress.Parse("192.0.2.1"), Table = 0, Scope = 254 }],
        },
        new Result100
        {
            CniVersion = "1.1.0",
            Interfaces = [new Interface100 { Name = "net1", Mtu = 9000, Sandbox = "/run/netns/a", SocketPath = "/s.sock", PciID = "0000:3b:00.1" }],
            IPs = [new IPConfig100 { Interface = 0, Address = Cidr.Parse("2001:db8:1::9/48"), Gateway = IPAddress.Parse("2001:db8:1::1") }],
            Routes = [new Route { Dst = Cidr.Parse("::/0"), Mtu = 1280, AdvMss = 1220, Priority = 100, Table = 200, Scope = 0 }],
            Dns = new Dns { Nameservers = ["2001:db8:1::53"], Search = ["x"], Options = ["rotate"] },
        },
    ]);

    [Theory]
    [MemberData(nameof(BuiltResults))]
    public void RoundTrip_BuiltResult_IsUnchanged(ICniResult original)
    {
        // Act
        var again = ResultParser.Parse(original.ToJson());

        // Assert
        ResultAssert.SameResult(again, original);
    }

    [Fact]
    public void SameResult_ResultsDifferingDeepInside_Fails()
    {
        // Arrange: guards the comparison the round trips rely on: it must look inside lists of records.
        var a = (Result100)ResultParser.Parse(ResultSamples.Rich("1.1.0"));
        var b = (Result100)ResultParser.Parse(ResultSamples.Rich("1.1.0").Replace("\"table\":100", "\"table\":101"));

        // Act
        var act = () => ResultAssert.SameResult(b, a);

        // Assert
        act.Should().Throw<Exception>().WithMessage("*Table*");
    }
}
