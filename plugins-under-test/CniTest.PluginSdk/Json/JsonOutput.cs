using System.Text.Json;

namespace CniTest.PluginSdk.Json;

/// <summary>Writer options shared by every document a plugin prints.</summary>
public static class JsonOutput
{
    /// <summary>
    /// Indented with four spaces, as Go's plugins print results and errors (ANCHORS 2f). Relaxed escaping keeps
    /// quotes readable in messages (<c>config is "9.9.9"</c>); the output is still valid JSON. The encoder is
    /// <see cref="System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>, built only when something needs escaping.
    /// </summary>
    public static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        IndentSize = 4,
        Encoder = LazyRelaxedJsonEncoder.Instance,
    };

    /// <summary>Compact, as Go's VERSION reply (checklist §3.7).</summary>
    public static readonly JsonWriterOptions Compact = new()
    {
        Encoder = LazyRelaxedJsonEncoder.Instance,
    };
}
