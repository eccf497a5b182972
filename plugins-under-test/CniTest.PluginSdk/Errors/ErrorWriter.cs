using System.Text.Json;
using CniTest.PluginSdk.Json;

namespace CniTest.PluginSdk.Errors;

/// <summary>Writes the spec's error object (checklist §3.6, R46).</summary>
public static class ErrorWriter
{
    /// <summary>
    /// Writes <c>{"cniVersion", "code", "msg", "details"}</c>, indented like Go's plugins. <c>cniVersion</c> is
    /// always written (P3: the spec lists it, Go omits it) and so is <c>details</c> (the 1.x spec does not mark it
    /// optional; errata "Shapes").
    /// </summary>
    public static void Write(Stream output, CniPluginException error, string cniVersion)
    {
        using (var writer = new Utf8JsonWriter(output, JsonOutput.Indented))
        {
            writer.WriteStartObject();
            writer.WriteString("cniVersion", cniVersion);
            writer.WriteNumber("code", error.Code);
            writer.WriteString("msg", error.Msg);
            writer.WriteString("details", error.Details);
            writer.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
    }
}
