namespace CniTest.Schemas.Tests.Support;

/// <summary>
/// Keeps what a C# file says in words, its comments and the text of its string and character literals (attribute
/// arguments included), and blanks all code, keeping line breaks so offsets still map to lines. A rule-id scan then
/// sees <c>// P27</c>, <c>"P27"</c> and <c>[InlineData("P27")]</c> but never an identifier such as a variable
/// named <c>R1</c>. Interpolation holes (<c>{expr}</c> in <c>$"…"</c>, <c>$@"…"</c> and <c>$$"""…"""</c>) are code.
/// </summary>
internal static class CommentsAndStrings
{
    /// <summary>The source with every character outside comments and literals replaced by a space.</summary>
    public static string Mask(string source)
    {
        var keep = new bool[source.Length];
        var i = 0;
        new Scanner(source, keep).Code(ref i, inHole: false);
        var chars = source.ToCharArray();
        for (var k = 0; k < chars.Length; k++)
        {
            if (!keep[k] && chars[k] != '\n')
            {
                chars[k] = ' ';
            }
        }

        return new string(chars);
    }

    private sealed class Scanner(string s, bool[] keep)
    {
        private char At(int i) => i < s.Length ? s[i] : '\0';

        /// <summary>Code until the end, or, in an interpolation hole, until its closing brace (left at <paramref name="i"/>).</summary>
        public void Code(ref int i, bool inHole)
        {
            var depth = 0;
            while (i < s.Length)
            {
                var c = s[i];
                if (c == '/' && At(i + 1) == '/')
                {
                    Keep(ref i, s.IndexOf('\n', i) is var end and >= 0 ? end : s.Length);
                }
                else if (c == '/' && At(i + 1) == '*')
                {
                    Keep(ref i, s.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : s.Length);
                }
                else if (c is '"' or '$' or '@' && TryLiteral(ref i))
                {
                    continue;
                }
                else if (c == '\'')
                {
                    CharLiteral(ref i);
                }
                else if (c == '{')
                {
                    depth++;
                    i++;
                }
                else if (c == '}' && depth == 0 && inHole)
                {
                    return;
                }
                else
                {
                    depth -= c == '}' ? 1 : 0;
                    i++;
                }
            }
        }

        /// <summary>A string literal starting at <paramref name="i"/> with its prefix (<c>$</c>s, <c>@</c>); false when there is none.</summary>
        private bool TryLiteral(ref int i)
        {
            var j = i;
            var dollars = 0;
            var verbatim = false;
            while (At(j) is '$' or '@')
            {
                dollars += At(j) == '$' ? 1 : 0;
                verbatim |= At(j) == '@';
                j++;
            }

            if (At(j) != '"')
            {
                return false;
            }

            var quotes = 0;
            while (At(j + quotes) == '"')
            {
                quotes++;
            }

            i = j;
            if (quotes >= 3)
            {
                Raw(ref i, quotes, dollars);
            }
            else
            {
                Quoted(ref i, verbatim, dollars > 0);
            }

            return true;
        }

        private void Quoted(ref int i, bool verbatim, bool interpolated)
        {
            i++; // opening quote
            while (i < s.Length)
            {
                var c = s[i];
                if (!verbatim && c == '\\')
                {
                    Keep(ref i, Math.Min(i + 2, s.Length));
                }
                else if (c == '"' && verbatim && At(i + 1) == '"')
                {
                    Keep(ref i, i + 2);
                }
                else if (c == '"')
                {
                    i++;
                    return;
                }
                else if (interpolated && c == '{' && At(i + 1) == '{')
                {
                    Keep(ref i, i + 2);
                }
                else if (interpolated && c == '{')
                {
                    Hole(ref i, 1);
                }
                else
                {
                    Keep(ref i, i + 1);
                }
            }
        }

        private void Raw(ref int i, int quotes, int dollars)
        {
            var close = new string('"', quotes);
            i += quotes;
            while (i < s.Length)
            {
                if (string.CompareOrdinal(s, i, close, 0, quotes) == 0)
                {
                    i += quotes;
                    return;
                }

                var braces = 0;
                while (dollars > 0 && At(i + braces) == '{')
                {
                    braces++;
                }

                if (dollars > 0 && braces >= dollars)
                {
                    // In a $$"""…""" literal, fewer braces than dollars are text; the last `dollars` of a run open a hole.
                    Keep(ref i, i + braces - dollars);
                    Hole(ref i, dollars);
                }
                else
                {
                    Keep(ref i, i + Math.Max(braces, 1));
                }
            }
        }

        /// <summary>An interpolation hole opened by <paramref name="braces"/> braces at <paramref name="i"/>: code up to its closing braces.</summary>
        private void Hole(ref int i, int braces)
        {
            i += braces;
            Code(ref i, inHole: true);
            i = Math.Min(i + braces, s.Length);
        }

        private void CharLiteral(ref int i)
        {
            var end = i + 1;
            while (end < s.Length && s[end] != '\'' && s[end] != '\n')
            {
                end += s[end] == '\\' ? 2 : 1;
            }

            Keep(ref i, Math.Min(end + 1, s.Length));
        }

        private void Keep(ref int i, int end)
        {
            for (; i < end; i++)
            {
                keep[i] = true;
            }
        }
    }
}
