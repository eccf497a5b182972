using System.Text;

namespace CniTest.Harness.Tests.PublicApi;

/// <summary>
/// A line diff in unified format (<c>@@ -a,b +c,d @@</c> hunks with three lines of context), from a longest common
/// subsequence.
/// </summary>
internal static class TextDiff
{
    private const int Context = 3;

    public static string Unified(string oldText, string newText, string oldName, string newName)
    {
        var a = Lines(oldText);
        var b = Lines(newText);
        var edits = Edits(a, b);
        var text = new StringBuilder().Append("--- ").Append(oldName).Append('\n').Append("+++ ").Append(newName).Append('\n');
        foreach (var (start, end) in Hunks(edits))
        {
            var hunk = edits[start..end];
            var oldStart = edits[..start].Count(e => e.Kind != '+') + 1;
            var newStart = edits[..start].Count(e => e.Kind != '-') + 1;
            text.Append($"@@ -{oldStart},{hunk.Count(e => e.Kind != '+')} +{newStart},{hunk.Count(e => e.Kind != '-')} @@\n");
            foreach (var (kind, line) in hunk)
            {
                text.Append(kind).Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    /// <summary>Every line of both texts in order, marked ' ' (kept), '-' (only in old) or '+' (only in new).</summary>
    private static (char Kind, string Line)[] Edits(string[] a, string[] b)
    {
        // lcs[i, j] = length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var edits = new List<(char, string)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                edits.Add((' ', a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                edits.Add(('-', a[x++]));
            }
            else
            {
                edits.Add(('+', b[y++]));
            }
        }

        return edits.ToArray();
    }

    /// <summary>Ranges of <paramref name="edits"/> to print: each change with its context, overlapping ones merged.</summary>
    private static List<(int Start, int End)> Hunks((char Kind, string Line)[] edits)
    {
        var hunks = new List<(int Start, int End)>();
        for (var i = 0; i < edits.Length; i++)
        {
            if (edits[i].Kind == ' ')
            {
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = Math.Min(edits.Length, i + 1 + Context);
            if (hunks.Count > 0 && start <= hunks[^1].End)
            {
                hunks[^1] = (hunks[^1].Start, end);
            }
            else
            {
                hunks.Add((start, end));
            }
        }

        return hunks;
    }
}
