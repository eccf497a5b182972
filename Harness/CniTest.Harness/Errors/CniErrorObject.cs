using System.Text.Json.Nodes;

namespace CniTest.Harness.Errors;

/// <summary>The spec's error object (SPEC §5; checklist §3.6): code, msg, details, optional cniVersion.</summary>
/// <param name="Code"><c>code</c>: one of <see cref="CniErrorCodes"/>, or 100 and up for plugin-specific errors.</param>
/// <param name="Msg"><c>msg</c>: a short message.</param>
/// <param name="Details"><c>details</c>: a longer message, when there is one.</param>
/// <param name="CniVersion"><c>cniVersion</c>: the spec asks for it, Go's <c>types.Error</c> has none (R46).</param>
public sealed record CniErrorObject(uint Code, string Msg, string? Details = null, string? CniVersion = null)
{
    /// <summary>Reads an error object; null when <paramref name="json"/> is not one (no numeric code).</summary>
    public static CniErrorObject? TryParse(JsonNode? json)
    {
        if (json is not JsonObject o || o["code"] is not JsonValue codeValue)
        {
            return null;
        }

        if (!codeValue.TryGetValue<uint>(out var code))
        {
            if (codeValue.TryGetValue<double>(out var d) && d >= 0 && d <= uint.MaxValue && d == Math.Floor(d))
            {
                code = (uint)d;
            }
            else
            {
                return null;
            }
        }

        return new CniErrorObject(
            code,
            AsString(o["msg"]) ?? "",
            AsString(o["details"]),
            AsString(o["cniVersion"]));
    }

    /// <summary>
    /// The object as a plugin prints it: <c>cniVersion</c> when set, <c>code</c>, <c>msg</c>, and <c>details</c>
    /// unless empty.
    /// </summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject();
        if (CniVersion is not null)
        {
            o["cniVersion"] = CniVersion;
        }

        o["code"] = Code;
        o["msg"] = Msg;
        if (!string.IsNullOrEmpty(Details))
        {
            o["details"] = Details;
        }

        return o;
    }

    /// <summary>Go's <c>types.Error.Error()</c> text: msg, or "msg; details".</summary>
    public override string ToString() => string.IsNullOrEmpty(Details) ? Msg : $"{Msg}; {Details}";

    private static string? AsString(JsonNode? n) =>
        n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
