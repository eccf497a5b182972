using System.Text.Json.Nodes;

namespace CniTest.Harness.Schemas;

/// <summary>
/// What a failed keyword produced, before <see cref="ViolationMapper"/> flattens it. The kinds and the tree shape
/// (wrappers for items, allOf and additional properties; one node per anyOf/oneOf and multi-type failure holding
/// each alternative's errors) are NJsonSchema's, so messages and paths stay what users and the tests know.
/// </summary>
internal enum ErrorKind
{
    PropertyRequired,
    StringExpected,
    NumberExpected,
    IntegerExpected,
    BooleanExpected,
    ObjectExpected,
    ArrayExpected,
    NullExpected,
    NoTypeValidates,
    PatternMismatch,
    StringTooShort,
    StringTooLong,
    NumberTooSmall,
    NumberTooBig,
    NotInEnumeration,
    NotConst,
    TooFewItems,
    ItemsNotUnique,
    TooFewProperties,
    ExcludedSchemaValidates,
    NoAdditionalPropertiesAllowed,
    NotAnyOf,
    NotOneOf,
    NotAllOf,
    ArrayItemNotValid,
    AdditionalPropertiesNotValid,
}

/// <summary>One failed keyword.</summary>
/// <param name="Kind">Which check failed.</param>
/// <param name="Path">The JSON path of the value at fault (for <see cref="ErrorKind.PropertyRequired"/>: of the object).</param>
/// <param name="Property">The key concerned (required, additional), else null.</param>
/// <param name="Schema">The schema holding the keyword (its title, description and limits go into messages).</param>
/// <param name="Value">The value at fault.</param>
internal sealed record SchemaError(ErrorKind Kind, string Path, string? Property, SchemaNode Schema, JsonNode? Value)
{
    /// <summary>Per alternative (allOf/anyOf/oneOf entry, item or additional-property schema): its errors.</summary>
    public IReadOnlyList<(SchemaNode Alternative, List<SchemaError> Errors)> Children { get; init; } = [];

    /// <summary>For <see cref="ErrorKind.NoTypeValidates"/>: per listed type, the errors when the value is held to it.</summary>
    public IReadOnlyList<(JsonTypes Type, List<SchemaError> Errors)> PerType { get; init; } = [];
}
