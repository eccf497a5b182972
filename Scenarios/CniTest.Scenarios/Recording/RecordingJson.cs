using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CniTest.Scenarios.Recording;

/// <summary>
/// The JSON form of a recording's files (index and steps): camelCase, indented, nulls left out, non-ASCII and
/// <c>&amp;&lt;&gt;</c> kept as written (stdin/stdout are JSON themselves and stay readable). Source-generated, so
/// reading and writing a recording needs no reflection: the CLI is a NativeAOT binary (issue 14).
/// </summary>
internal static class RecordingJson
{
    private static readonly RecordingJsonContext Context = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>A step file.</summary>
    internal static JsonTypeInfo<RecordedStep> Step => Context.RecordedStep;

    /// <summary><c>index.json</c>.</summary>
    internal static JsonTypeInfo<RecordIndex> Index => Context.RecordIndex;
}

/// <summary>The source-generated metadata behind <see cref="RecordingJson"/>.</summary>
[JsonSerializable(typeof(RecordedStep))]
[JsonSerializable(typeof(RecordIndex))]
internal sealed partial class RecordingJsonContext : JsonSerializerContext;
