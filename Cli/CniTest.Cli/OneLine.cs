using System.Text.RegularExpressions;

namespace CniTest.Cli;

/// <summary>
/// Every error the CLI prints is one bounded line after <c>cnitest: </c> (README "Exit codes"): a plugin's
/// multi-line message or stderr, a 20 MB flood or a 100 000-character argument echoed back must not turn into pages
/// of output or lines that look like cnitest's own (a plugin's "   at" frames read as our stack trace).
/// </summary>
internal static partial class OneLine
{
    /// <summary>The longest text kept on one line; the rest is counted, not printed.</summary>
    public const int MaxLength = 2000;

    public static string Of(string text)
    {
        var flat = Whitespace().Replace(text, " ").Trim();
        return flat.Length <= MaxLength ? flat : $"{flat[..MaxLength]}… ({flat.Length - MaxLength} more characters)";
    }

    [GeneratedRegex(@"\s*[\r\n]+\s*|\t")]
    private static partial Regex Whitespace();
}
