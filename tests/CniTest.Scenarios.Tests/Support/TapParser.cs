using System.Text.RegularExpressions;

namespace CniTest.Scenarios.Tests.Support;

/// <summary>
/// A small strict TAP 14 parser (testanything.org/tap-version-14-specification) for the --tap tests: the version line
/// first, one plan, test points numbered 1..N in order with ok/not ok, an optional description and SKIP/TODO directive,
/// YAML diagnostic blocks indented two spaces right after a test point (between "---" and "..."), comments. Anything
/// else, a count that does not match the plan, or a block that is not where it may be, is an error.
/// </summary>
public static partial class TapParser
{
    public sealed record TestPoint(bool Ok, int Number, string Description, string? Directive, string? Reason, IReadOnlyList<string> Yaml);

    public sealed record Document(int Planned, IReadOnlyList<TestPoint> Points);

    public static Document Parse(string text)
    {
        if (!text.EndsWith('\n'))
        {
            throw new FormatException("the last line is not terminated");
        }

        var lines = text[..^1].Split('\n');
        if (lines[0] != "TAP version 14")
        {
            throw new FormatException($"line 1 must be 'TAP version 14', not '{lines[0]}'");
        }

        int? plan = null;
        var points = new List<TestPoint>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (Plan().Match(line) is { Success: true } p)
            {
                if (plan is not null)
                {
                    throw new FormatException($"line {i + 1}: a second plan");
                }

                plan = int.Parse(p.Groups[2].Value);
                if (int.Parse(p.Groups[1].Value) != 1)
                {
                    throw new FormatException($"line {i + 1}: the plan must start at 1");
                }

                continue;
            }

            if (Point().Match(line) is { Success: true } m)
            {
                var number = int.Parse(m.Groups[2].Value);
                if (number != points.Count + 1)
                {
                    throw new FormatException($"line {i + 1}: test point {number} out of order (expected {points.Count + 1})");
                }

                var (description, directive, reason) = SplitDirective(m.Groups[3].Value);
                var yaml = new List<string>();
                if (i + 1 < lines.Length && lines[i + 1] == "  ---")
                {
                    i += 2;
                    for (; i < lines.Length && lines[i] != "  ..."; i++)
                    {
                        if (!lines[i].StartsWith("  ", StringComparison.Ordinal))
                        {
                            throw new FormatException($"line {i + 1}: a YAML block line not indented by two spaces");
                        }

                        yaml.Add(lines[i][2..]);
                    }

                    if (i == lines.Length)
                    {
                        throw new FormatException("a YAML block without its closing '...'");
                    }
                }

                points.Add(new TestPoint(m.Groups[1].Value == "ok", number, description, directive, reason, yaml));
                continue;
            }

            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            throw new FormatException($"line {i + 1}: not TAP: '{line}'");
        }

        if (plan is null)
        {
            throw new FormatException("no plan");
        }

        if (plan != points.Count)
        {
            throw new FormatException($"the plan says {plan} test points, there are {points.Count}");
        }

        return new Document(plan.Value, points);
    }

    /// <summary>Splits "description # SKIP reason" at the first unescaped '#'; escaped "\#" and "\\" are unescaped.</summary>
    private static (string Description, string? Directive, string? Reason) SplitDirective(string rest)
    {
        var description = new System.Text.StringBuilder();
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i] == '\\' && i + 1 < rest.Length && rest[i + 1] is '#' or '\\')
            {
                description.Append(rest[++i]);
                continue;
            }

            if (rest[i] == '#')
            {
                var d = Directive().Match(rest[(i + 1)..]);
                if (!d.Success)
                {
                    throw new FormatException($"an unescaped '#' that starts no directive in '{rest}'");
                }

                return (description.ToString().Trim(), d.Groups[1].Value.ToUpperInvariant(), d.Groups[2].Value.Trim());
            }

            description.Append(rest[i]);
        }

        return (description.ToString().Trim(), null, null);
    }

    [GeneratedRegex(@"^(\d+)\.\.(\d+)(?: # .*)?$")]
    private static partial Regex Plan();

    [GeneratedRegex(@"^(ok|not ok) (\d+)(?: - | |$)(.*)$")]
    private static partial Regex Point();

    [GeneratedRegex(@"^\s*(skip|todo)\S*(?:\s+(.*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Directive();
}
