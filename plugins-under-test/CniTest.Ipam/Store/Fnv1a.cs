using System.Text;

namespace CniTest.Ipam.Store;

/// <summary>
/// 64-bit FNV-1a, for the index's stamp and long file names. Not cryptographic on purpose: .NET's SHA-256 loads
/// OpenSSL, which costs milliseconds per plugin exec, and nothing here needs collision resistance against an attacker
/// (index entries are verified against the reservation files anyway).
/// </summary>
internal static class Fnv1a
{
    public static string Hex(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
