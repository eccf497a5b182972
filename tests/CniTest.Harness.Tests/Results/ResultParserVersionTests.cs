using CniTest.Harness.Results;
using CniTest.Harness.Results.V020;
using CniTest.Harness.Results.V040;
using CniTest.Harness.Results.V100;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Results;

/// <summary>Which typed result the parser makes: by the result's own <c>cniVersion</c> (R41, R44) with libcni's fallback (R27).</summary>
public class ResultParserVersionTests
{
    [Theory]
    [InlineData("0.1.0", typeof(Result020))]
    [InlineData("0.2.0", typeof(Result020))]
    [InlineData("0.3.0", typeof(Result040))]
    [InlineData("0.3.1", typeof(Result040))]
    [InlineData("0.4.0", typeof(Result040))]
    [InlineData("1.0.0", typeof(Result100))]
    [InlineData("1.1.0", typeof(Result100))]
    public void Parse_OwnCniVersion_PicksThatFamilyAndKeepsTheVersion(string version, Type expectedType)
    {
        // Act
        var result = ResultParser.Parse(ResultSamples.Rich(version));

        // Assert
        result.Should().BeOfType(expectedType);
        result.CniVersion.Should().Be(version);
    }

    [Theory]
    [InlineData("0.4.0", "1.0.0")]
    [InlineData("1.1.0", "0.2.0")]
    [InlineData("0.2.0", "1.1.0")]
    public void Parse_OwnVersionDiffersFromRequest_OwnVersionWins(string own, string request)
    {
        // Arrange: libcni does not check the result version against the request (R27 [QUIRK]).
        var json = ResultSamples.Rich(own);

        // Act
        var result = ResultParser.Parse(json, request);

        // Assert
        result.CniVersion.Should().Be(own);
        ResultSamples.FamilyOf(own).Should().Be(FamilyName(result));
    }

    [Theory]
    [InlineData("""{"ips":[{"address":"10.0.0.2/24"}]}""", "1.0.0", typeof(Result100), "1.0.0")]
    [InlineData("""{"cniVersion":"","ips":[{"version":"4","address":"10.0.0.2/24"}]}""", "0.4.0", typeof(Result040), "0.4.0")]
    [InlineData("""{"cniVersion":null,"ips":[{"address":"10.0.0.2/24"}]}""", "1.1.0", typeof(Result100), "1.1.0")]
    [InlineData("""{"cniVersion":100,"ips":[{"address":"10.0.0.2/24"}]}""", "1.1.0", typeof(Result100), "1.1.0")]
    [InlineData("""{"ip4":{"ip":"10.0.0.2/24"}}""", "0.2.0", typeof(Result020), "0.2.0")]
    public void Parse_NoUsableCniVersion_TakesRequestVersion(string json, string request, Type expectedType, string expectedVersion)
    {
        // Act: absent, empty, null or not a string all take the request's version (R27, cni#895/#896).
        var result = ResultParser.Parse(json, request);

        // Assert
        result.Should().BeOfType(expectedType);
        result.CniVersion.Should().Be(expectedVersion);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_NoCniVersionAndNoRequestVersion_Is010(string? request)
    {
        // Act: R44 "missing/empty → 0.1.0"; an empty request version also decodes as 0.1.0 (R27).
        var result = ResultParser.Parse("""{"ip4":{"ip":"10.0.0.2/24","gateway":"10.0.0.1"}}""", request);

        // Assert
        var r = result.Should().BeOfType<Result020>().Subject;
        r.CniVersion.Should().Be("0.1.0");
        r.IP4!.IP.ToString().Should().Be("10.0.0.2/24");
        r.IP4.Gateway!.ToString().Should().Be("10.0.0.1");
    }

    [Theory]
    [InlineData("null", null, typeof(Result020), "0.1.0")]
    [InlineData("null", "1.0.0", typeof(Result100), "1.0.0")]
    [InlineData("{}", "0.3.1", typeof(Result040), "0.3.1")]
    public void Parse_LiteralNullOrEmptyObject_IsAnEmptyResult(string json, string? request, Type expectedType, string expectedVersion)
    {
        // Act: R27 "literal null → empty object".
        var result = ResultParser.Parse(json, request);

        // Assert
        result.Should().BeOfType(expectedType);
        result.CniVersion.Should().Be(expectedVersion);
        result.ToCurrent().IPs.Should().BeEmpty();
    }

    [Theory]
    [InlineData("0.5.0")]
    [InlineData("1.2.0")]
    [InlineData("2.0.0")]
    [InlineData("1.1")]
    [InlineData("1.0")]
    [InlineData("1.0.0-rc1")]
    [InlineData(" 1.0.0")]
    public void Parse_UnsupportedCniVersion_Throws(string version)
    {
        // Act: the family is picked by exact version text (R44).
        var act = () => ResultParser.Parse($$"""{"cniVersion":"{{version}}"}""");

        // Assert
        act.Should().Throw<ResultParseException>().WithMessage($"unsupported CNI result version \"{version}\"");
    }

    [Fact]
    public void Parse_NoCniVersionAndUnsupportedRequestVersion_Throws()
    {
        // Act
        var act = () => ResultParser.Parse("{}", "9.9.9");

        // Assert
        act.Should().Throw<ResultParseException>().WithMessage("unsupported CNI result version \"9.9.9\"");
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("0.2.0")]
    public void Result040FromJson_VersionOfAnotherFamily_ThrowsLikeGo(string version)
    {
        // Arrange: Go's NewResult check (R44).
        var json = ResultSamples.Object($$"""{"cniVersion":"{{version}}"}""");

        // Act
        var act = () => Result040.FromJson(json);

        // Assert
        act.Should().Throw<ResultParseException>()
            .WithMessage($"result type supports [0.3.0 0.3.1 0.4.0] but unmarshalled CNIVersion is \"{version}\"");
    }

    [Fact]
    public void Result100FromJson_NoVersion_Throws()
    {
        // Act
        var act = () => Result100.FromJson(ResultSamples.Object("{}"));

        // Assert
        act.Should().Throw<ResultParseException>().WithMessage("*[1.0.0 1.1.0]*\"\"*");
    }

    [Fact]
    public void Result020FromJson_NoVersion_Is010()
    {
        // Act
        var result = Result020.FromJson(ResultSamples.Object("""{"ip6":{"ip":"fd00::2/64"}}"""));

        // Assert
        result.CniVersion.Should().Be("0.1.0");
        result.IP6!.IP.ToString().Should().Be("fd00::2/64");
    }

    private static string FamilyName(ICniResult result) => result switch
    {
        Result020 => "020",
        Result040 => "040",
        _ => "100",
    };
}
