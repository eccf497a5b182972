using System.Text.Json.Nodes;
using CniTest.Harness.Schemas;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Schemas;

/// <summary>The validator's own behaviour: every violation, paths, rules and input handling.</summary>
public sealed class SchemaValidatorTests
{
    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOneWithItsPath()
    {
        // Arrange
        const string result = """
            {"cniVersion":"1.1.0","interfaces":[{"mac":"zz"}],"ips":[{"address":"10.1.0.5","interface":-1},{"address":"fd00::5/64","gateway":"fd00::g"}],
             "routes":[{"gw":"10.1.0.1"}],"dns":{"nameservers":[1]}}
            """;

        // Act
        var violations = SchemaValidator.Validate(SchemaKind.Result, "1.1.0", result);

        // Assert
        violations.Select(v => (v.Path, v.Rule)).Should().BeEquivalentTo(new[]
        {
            ("interfaces[0].name", "required"),
            ("interfaces[0].mac", "pattern"),
            ("ips[0].address", "pattern"),
            ("ips[0].interface", "minimum"),
            ("ips[1].gateway", "pattern"),
            ("routes[0].dst", "required"),
            ("dns.nameservers[0]", "type"),
        });
    }

    [Fact]
    public void Validate_StringAndNodeInput_GiveTheSameViolations()
    {
        const string text = """{"cniVersion":"1.0.0","ips":[{"address":"10.1.0.5"}]}""";

        var fromText = SchemaValidator.Validate(SchemaKind.Result, "1.0.0", text);
        var fromNode = SchemaValidator.Validate(SchemaKind.Result, "1.0.0", JsonNode.Parse(text));

        fromNode.Should().Equal(fromText);
        fromText.Should().ContainSingle();
    }

    [Theory]
    [InlineData("{\"cniVersion\":")]
    [InlineData("{} {}")]
    [InlineData("")]
    public void Validate_TextThatIsNotOneDocument_ReportsOneJsonViolation(string text)
    {
        var violations = SchemaValidator.Validate(SchemaKind.Error, "1.1.0", text);

        violations.Should().ContainSingle().Which.Rule.Should().Be("json");
    }

    [Fact]
    public void Validate_KeyGivenTwice_TheLastValueIsValidated()
    {
        // Go's decoder keeps the last value; JsonNode.Parse's objects would throw when walked (bad-input corpus).
        const string error = """{"cniVersion":"1.1.0","code":"seven","msg":"m","code":7}""";

        SchemaValidator.Validate(SchemaKind.Error, "1.1.0", error).Should().BeEmpty();
        SchemaValidator.Validate(SchemaKind.Error, "1.1.0", error.Replace("\"code\":7", "\"code\":\"7\"", StringComparison.Ordinal))
            .Should().ContainSingle().Which.Path.Should().Be("code");
    }

    [Fact]
    public void Validate_KeyThatIsNotAnIdentifier_IsQuotedInThePath()
    {
        const string gc = """{"cniVersion":"1.1.0","name":"n","type":"bridge","cni.dev/valid-attachments":[{"containerID":"c1"}]}""";

        var violations = SchemaValidator.Validate(SchemaKind.GcRequest, "1.1.0", gc);

        violations.Should().ContainSingle().Which.Path.Should().Be("['cni.dev/valid-attachments'][0].ifname");
    }

    [Fact]
    public void Validate_RootOfTheWrongType_ReportsTheRoot()
    {
        var violations = SchemaValidator.Validate(SchemaKind.Error, "1.1.0", "[]");

        violations.Should().Contain(v => v.Path == "" && v.Rule == "type");
    }

    [Fact]
    public void Validate_StrayKeyOfAnotherVersion_ExplainsWhyInTheMessage()
    {
        var violations = SchemaValidator.Validate(SchemaKind.Result, "0.2.0", """{"ip4":{"ip":"10.1.0.5/16"},"ips":[]}""");

        violations.Should().ContainSingle().Which.Message.Should().Contain("arrived with the 0.3.0 result");
    }

    [Fact]
    public void Validate_ReportSchema_AcceptsAReportAndNamesMissingKeys()
    {
        // Arrange
        var report = JsonNode.Parse("""
            {"plugin":"/usr/lib/cni/ptp","role":"interface","versions":["1.0.0"],"durationMs":812.5,
             "summary":{"passed":1,"failed":0,"skipped":0,"warnings":0},
             "results":[{"id":"add.result-schema","title":"ADD result matches the schema","rule":"P16","cniVersion":"1.0.0","outcome":"passed",
               "severity":null,"message":null,"durationMs":12,"invocations":[{"command":"ADD","env":{"CNI_COMMAND":"ADD"},"stdin":"{}","stdout":"{}",
               "stderr":"","exitCode":0,"signal":null,"durationMs":11.2}]}]}
            """)!;

        // Act
        var valid = SchemaValidator.Validate(SchemaCatalog.Report, report);
        report["results"]![0]!.AsObject().Remove("outcome");
        report["summary"]!.AsObject().Remove("warnings");
        var invalid = SchemaValidator.Validate(SchemaCatalog.Report, report);

        // Assert
        valid.Should().BeEmpty();
        invalid.Select(v => (v.Path, v.Rule)).Should().BeEquivalentTo(new[] { ("summary.warnings", "required"), ("results[0].outcome", "required") });
    }
}
