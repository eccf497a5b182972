using CniTest.Harness.Versioning;

namespace CniTest.Harness.Config;

/// <summary>Picks the version a list runs at from <c>cniVersion</c> and <c>cniVersions</c> (R5, R15, §5.27).</summary>
internal static class CniVersionSelection
{
    /// <summary>
    /// Returns the highest entry of <paramref name="cniVersions"/> ∪ {<paramref name="cniVersion"/>} that is not
    /// newer than <see cref="CniVersion.Current"/>, as written. When nothing qualifies, <paramref name="cniVersion"/>
    /// is returned unchanged, even if it is newer than 1.1.0 or "" (libcni quirk, §5.27).
    /// </summary>
    /// <returns>The selected version text, or an error message naming the bad entry.</returns>
    public static (string? Version, string? Error) Select(string cniVersion, IReadOnlyList<string> cniVersions)
    {
        string? best = null;
        var bestVersion = default(CniVersion);

        for (var i = 0; i < cniVersions.Count; i++)
        {
            // Every entry must parse, even one that would be dropped as too new (R5).
            if (!CniVersion.TryParse(cniVersions[i], out var version, out var error))
            {
                return (null, $"\"cniVersions\"[{i}] is not a valid version: {error}");
            }

            Consider(cniVersions[i], version);
        }

        // libcni adds cniVersion to the candidates only when it is non-empty; it must then parse too.
        if (cniVersion.Length > 0)
        {
            if (!CniVersion.TryParse(cniVersion, out var version, out var error))
            {
                return (null, $"\"cniVersion\" is not a valid version: {error}");
            }

            Consider(cniVersion, version);
        }

        return (best ?? cniVersion, null);

        // Ties between different spellings ("1.0" and "1.0.0") keep the first one seen; libcni's order there is
        // unspecified (its comparator is inconsistent for such pairs).
        void Consider(string text, CniVersion version)
        {
            if (version <= CniVersion.Current && (best is null || version > bestVersion))
            {
                best = text;
                bestVersion = version;
            }
        }
    }
}
