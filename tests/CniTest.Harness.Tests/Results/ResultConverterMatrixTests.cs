using System.Text.Json.Nodes;
using CniTest.Harness.Results;
using CniTest.Harness.Results.V020;
using CniTest.Harness.Results.V040;
using CniTest.Harness.Results.V100;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Results;

/// <summary>
/// Every one of the 7×7 version pairs, from a rich result of the source family, against what Go's
/// <c>pkg/types</c> converters produce (R42): version, family shape, and the data the target can express.
/// </summary>
public class ResultConverterMatrixTests
{
    public static TheoryData<string, string> AllPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in ResultSamples.AllVersions)
        {
            foreach (var to in ResultSamples.AllVersions)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Convert_AnyPair_HasTargetVersionAndType(string from, string to)
    {
        // Arrange
        var source = ResultParser.Parse(ResultSamples.Rich(from));

        // Act
        var converted = ResultConverter.Convert(source, to);

        // Assert
        converted.CniVersion.Should().Be(to);
        converted.Should().BeOfType(ResultSamples.FamilyOf(to) switch
        {
            "020" => typeof(Result020),
            "040" => typeof(Result040),
            _ => typeof(Result100),
        });
        source.CniVersion.Should().Be(from, "conversion must not change the source");
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Convert_AnyPair_WritesTargetFamilyShape(string from, string to)
    {
        // Arrange
        var source = ResultParser.Parse(ResultSamples.Rich(from));

        // Act
        var json = ResultConverter.Convert(source, to).ToJson();

        // Assert
        json["cniVersion"]!.GetValue<string>().Should().Be(to);
        var ips = json["ips"]?.AsArray().Select(n => n!.AsObject()).ToList() ?? [];
        switch (ResultSamples.FamilyOf(to))
        {
            case "020":
                // 0.1/0.2: ip4/ip6 only (§3.4).
                json.Select(p => p.Key).Should().BeEquivalentTo("cniVersion", "ip4", "ip6", "dns");
                Cidr.Parse(json["ip4"]!["ip"]!.GetValue<string>()).IsIPv4.Should().BeTrue();
                Cidr.Parse(json["ip6"]!["ip"]!.GetValue<string>()).IsIPv4.Should().BeFalse();
                break;
            case "040":
                // 0.3.x/0.4.0: every ips entry has version "4"/"6" matching its address (§3.4).
                json.ContainsKey("ip4").Should().BeFalse();
                ips.Should().NotBeEmpty().And.OnlyContain(ip =>
                    ip["version"]!.GetValue<string>() == (Cidr.Parse(ip["address"]!.GetValue<string>()).IsIPv4 ? "4" : "6"));
                break;
            default:
                // 1.x: no version key in ips (spec 1.0.0 removed it).
                json.ContainsKey("ip4").Should().BeFalse();
                ips.Should().NotBeEmpty().And.OnlyContain(ip => !ip.ContainsKey("version"));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Convert_AnyPair_KeepsWhatTheTargetCanExpressAsGoDoes(string from, string to)
    {
        // Arrange: the expected bodies are written out per family pair in ResultSamples (R42).
        var source = ResultParser.Parse(ResultSamples.Rich(from));

        // Act
        var converted = ResultConverter.Convert(source, to);

        // Assert
        ResultAssert.JsonEquivalent(converted.ToJson(), ResultSamples.ExpectedConversion(from, to));
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Convert_AnyPair_ConvertedResultReparsesAsItself(string from, string to)
    {
        // Arrange
        var converted = ResultConverter.Convert(ResultParser.Parse(ResultSamples.Rich(from)), to);

        // Act
        var reparsed = ResultParser.Parse(converted.ToJson());

        // Assert
        ResultAssert.SameResult(reparsed, converted);
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void ConvertTo_AnyPair_SameAsResultConverter(string from, string to)
    {
        // Arrange
        var source = ResultParser.Parse(ResultSamples.Rich(from));

        // Act
        var viaInterface = source.ConvertTo(to);

        // Assert
        ResultAssert.SameResult(viaInterface, ResultConverter.Convert(source, to));
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Convert_SamePairTwice_IsStable(string from, string to)
    {
        // Arrange: converting a result already at the target version is the identity (R42 "same version").
        var once = ResultConverter.Convert(ResultParser.Parse(ResultSamples.Rich(from)), to);

        // Act
        var twice = ResultConverter.Convert(once, to);

        // Assert
        JsonNode.DeepEquals(twice.ToJson(), once.ToJson()).Should().BeTrue();
    }
}
