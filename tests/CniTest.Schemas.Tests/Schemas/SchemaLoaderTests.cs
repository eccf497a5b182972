using System.Text.Json.Nodes;
using CniTest.Harness.Schemas;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Schemas;

/// <summary>
/// The Harness's schema loader: every published schema compiles, and a schema that uses anything the validator
/// does not implement fails at load, loudly, instead of silently checking less than it says.
/// </summary>
public sealed class SchemaLoaderTests
{
    public static TheoryData<string> EveryPublishedSchema() =>
        [.. Directory.GetFiles(Repo.Schemas, "*.schema.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repo.Schemas, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(EveryPublishedSchema))]
    public void Load_EveryPublishedSchema_CompilesWithItsReferences(string path)
    {
        var act = () => CatalogSchema.Load(path);

        act.Should().NotThrow();
    }

    [Theory]
    [InlineData("format", "\"ipv4\"")]
    [InlineData("maxItems", "3")]
    [InlineData("patternProperties", "{}")]
    [InlineData("exclusiveMinimum", "0")]
    [InlineData("if", "{}")]
    [InlineData("requried", "[\"name\"]")]
    public void Load_UnsupportedKeyword_FailsNamingItAndWhere(string keyword, string value)
    {
        var files = new Dictionary<string, string>
        {
            ["t/a.schema.json"] = $$"""{ "type": "object", "properties": { "name": { "type": "string", "{{keyword}}": {{value}} } } }""",
        };

        var act = () => SchemaLoader.Load("t/a.schema.json", files.GetValueOrDefault);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage($"schema t/a.schema.json#/properties/name: keyword \"{keyword}\" is not supported*");
    }

    [Theory]
    [InlineData("""{ "$ref": "b.schema.json", "type": "string" }""", "*ignores every keyword beside $ref*")]
    [InlineData("""{ "$ref": "missing.schema.json" }""", "*$ref \"missing.schema.json\" is no embedded schema file*")]
    [InlineData("""{ "$ref": "b.schema.json#/definitions/nope" }""", "*points at no schema in t/b.schema.json*")]
    [InlineData("""{ "$ref": "https://elsewhere.example/x.json" }""", "*is no embedded schema file*")]
    [InlineData("""{ "type": "text" }""", "*type \"text\" is not a JSON Schema type*")]
    [InlineData("""{ "$id": "https://cnitest.example/schemas/t/other.schema.json" }""", "*is not the file's own URI*")]
    [InlineData("""{ "properties": { "x": false } }""", "*a schema must be an object*")]
    public void Load_MalformedSchema_Fails(string schema, string message)
    {
        var files = new Dictionary<string, string>
        {
            ["t/a.schema.json"] = schema,
            ["t/b.schema.json"] = """{ "definitions": { "s": { "type": "string" } } }""",
        };

        var act = () => SchemaLoader.Load("t/a.schema.json", files.GetValueOrDefault);

        act.Should().Throw<InvalidOperationException>().WithMessage(message);
    }

    [Fact]
    public void Load_RelativeReferences_ResolveAgainstTheReferringFilesId()
    {
        // Arrange: a/x refers to ../common/c, which refers to its own definition by fragment only
        var files = new Dictionary<string, string>
        {
            ["a/x.schema.json"] = """{ "$id": "https://cnitest.example/schemas/a/x.schema.json", "properties": { "ip": { "$ref": "../common/c.schema.json#/definitions/ip" } } }""",
            ["common/c.schema.json"] = """{ "$id": "https://cnitest.example/schemas/common/c.schema.json", "definitions": { "ip": { "$ref": "#/definitions/s" }, "s": { "type": "string", "minLength": 2 } } }""",
        };
        var schema = new CatalogSchema("a/x.schema.json", SchemaLoader.Load("a/x.schema.json", files.GetValueOrDefault));

        // Act
        var violations = SchemaValidator.Validate(schema, JsonNode.Parse("""{ "ip": "x" }"""));

        // Assert
        violations.Should().ContainSingle().Which.Should().Be(new SchemaViolation("ip", "minLength", "\"x\" is shorter than 2 character(s)"));
    }

    [Theory]
    [InlineData("""{ "const": "a", "type": "string" }""", "\"a\"", null)]
    [InlineData("""{ "const": "a", "type": "string" }""", "\"b\"", "const")]
    [InlineData("""{ "type": "array", "uniqueItems": true }""", """[{"a":1,"b":2},{"b":2,"a":1}]""", "uniqueItems")]
    [InlineData("""{ "type": "array", "uniqueItems": true }""", """["1", 1]""", null)]
    [InlineData("""{ "type": "object", "minProperties": 2 }""", """{"a":1}""", "minProperties")]
    [InlineData("""{ "type": "integer", "maximum": 10 }""", "11", "maximum")]
    [InlineData("""{ "type": "integer", "maximum": 10 }""", "10", null)]
    [InlineData("""{ "oneOf": [{ "required": ["a"] }, { "required": ["b"] }] }""", """{"a":1,"b":2}""", "oneOf")]
    [InlineData("""{ "oneOf": [{ "required": ["a"] }, { "required": ["b"] }] }""", """{"b":2}""", null)]
    [InlineData("""{ "type": "object", "required": ["a"] }""", "\"not an object\"", "type")]
    [InlineData("""{ "type": "integer" }""", "1.0", "type")]
    [InlineData("""{ "type": "integer", "minimum": 0 }""", "-1e400", "minimum,type")]
    [InlineData("""{ "enum": ["4", 6] }""", "4", "enum")]
    [InlineData("""{ "enum": ["4", 6] }""", "6", null)]
    [InlineData("""{ "type": "string", "enum": ["4", "6"] }""", "4", "type")]
    public void Validate_KeywordsOutsideTheCniSchemas_FollowDraft07(string schema, string document, string? rules)
    {
        var files = new Dictionary<string, string> { ["t/a.schema.json"] = schema };
        var compiled = new CatalogSchema("t/a.schema.json", SchemaLoader.Load("t/a.schema.json", files.GetValueOrDefault));

        var violations = SchemaValidator.Validate(compiled, document);

        string.Join(",", violations.Select(v => v.Rule)).Should().Be(rules ?? "", string.Join("; ", violations));
    }
}
