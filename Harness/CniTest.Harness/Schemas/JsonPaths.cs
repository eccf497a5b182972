using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CniTest.Harness.Schemas;

/// <summary>
/// The JSON paths of <see cref="SchemaViolation.Path"/>: <c>ips[0].address</c>; keys with characters that would
/// break the dotted form in brackets, <c>['cni.dev/attachments'][0]</c>; "" for the document. The rules are
/// Json.NET's (which the messages used while NJsonSchema validated), kept so reports and tests read the same.
/// </summary>
internal static partial class JsonPaths
{
    // Json.NET brackets a key holding any of these.
    private static bool IsSpecial(char c) => c is '.' or ' ' or '\'' or '/' or '"' or '[' or ']' or '(' or ')' or '\t' or '\n' or '\r'
        or '\f' or '\b' or '\\' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>The path of the value under <paramref name="key"/> of the object at <paramref name="path"/>.</summary>
    public static string Property(string path, string key)
    {
        if (!key.Any(IsSpecial))
        {
            return path.Length == 0 ? key : $"{path}.{key}";
        }

        var sb = new StringBuilder(path).Append("['");
        foreach (var c in key)
        {
            _ = c switch
            {
                '\'' => sb.Append("\\'"),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                '\f' => sb.Append("\\f"),
                '\b' => sb.Append("\\b"),
                < ' ' or '\u0085' or '\u2028' or '\u2029' => sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.Append("']").ToString();
    }

    /// <summary>The path of item <paramref name="index"/> of the array at <paramref name="path"/>.</summary>
    public static string Item(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>
    /// The path a missing required key would have. Stricter than <see cref="Property"/> (any key that is not an
    /// identifier is bracketed), as the violation messages always wrote it.
    /// </summary>
    public static string MissingKey(string path, string key) =>
        PlainKey().IsMatch(key)
            ? path.Length == 0 ? key : $"{path}.{key}"
            : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainKey();
}
