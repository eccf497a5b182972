using System.Text.RegularExpressions;

namespace CniTest.Schemas.Tests.Support;

/// <summary>One rule id cited somewhere in the repository.</summary>
/// <param name="File">The file, relative to the repository root.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Id">The id as written (P27, R32).</param>
internal sealed record RuleCitation(string File, int Line, string Id)
{
    public override string ToString() => $"{File}:{Line}: {Id}";
}

/// <summary>
/// Finds every rule id the repository cites: in C# comments, string literals and attribute arguments, and
/// anywhere in Markdown, shell scripts, JSON (schemas, manifest) and schema fixture expectations.
/// </summary>
internal static partial class RuleIdScan
{
    // Why each false positive cannot occur:
    // - \b on both sides: P2P, IPv4, R2D2, P1D (an ISO duration) and 0x1P2 contain an id-like run inside a longer word;
    // - case-sensitive: percentiles are written p90/p99 in this repository, so upper-case P and R mean rule ids;
    // - C# code is blanked first (CommentsAndStrings), so an identifier such as a variable named R1 is not a citation;
    // - .hex captures and other binary-ish test data are not scanned (their extensions are not in the list below).
    [GeneratedRegex(@"\b[PR][0-9]{1,3}\b")]
    private static partial Regex RuleId();

    private static readonly string[] TextExtensions = [".md", ".sh", ".json", ".expect"];

    public static IEnumerable<RuleCitation> Citations(string root)
    {
        foreach (var file in Files(root))
        {
            var text = File.ReadAllText(file);
            if (file.EndsWith(".cs", StringComparison.Ordinal))
            {
                text = CommentsAndStrings.Mask(text);
            }

            foreach (Match m in RuleId().Matches(text))
            {
                var line = 1 + text.AsSpan(0, m.Index).Count('\n');
                yield return new RuleCitation(Path.GetRelativePath(root, file), line, m.Value);
            }
        }
    }

    /// <summary>The files scanned: sources and text data outside build output and dot-folders (.git, .build).</summary>
    public static IEnumerable<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" || part.StartsWith('.')))
            .Where(f => Path.GetExtension(f) is var ext && (ext == ".cs" || TextExtensions.Contains(ext) || (ext == "" && IsScript(f))))
            .Order(StringComparer.Ordinal);

    private static bool IsScript(string file)
    {
        using var stream = File.OpenRead(file);
        return stream.ReadByte() == '#' && stream.ReadByte() == '!';
    }
}
