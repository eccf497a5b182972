namespace CniTest.Harness.Schemas;

/// <summary>
/// The JSON types a schema's <c>type</c> keyword can list. The values are flags in the order a multi-type schema
/// is tried and named in messages ("expected integer or null"), the order NJsonSchema used before us.
/// </summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Array = 1,
    Boolean = 2,
    Integer = 4,
    Null = 8,
    Number = 16,
    Object = 32,
    String = 64,
}
