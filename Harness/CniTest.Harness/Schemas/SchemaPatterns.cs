using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CniTest.Harness.Schemas;

/// <summary>
/// The <c>pattern</c> regexes, built once per process and shared by every schema that repeats one (the IP and
/// CIDR patterns appear in every version). .NET's default options, as NJsonSchema used: none of our patterns uses
/// a class (<c>\d</c>, <c>\w</c>) where ECMAScript semantics would differ. Regex instances are thread-safe.
/// </summary>
internal static class SchemaPatterns
{
    private static readonly ConcurrentDictionary<string, Regex> Built = new(StringComparer.Ordinal);

    public static Regex Get(string pattern) => Built.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant));
}
