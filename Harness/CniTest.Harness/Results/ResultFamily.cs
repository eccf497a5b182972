namespace CniTest.Harness.Results;

/// <summary>The three result schemas (R41); each has its own sub-folder and result type.</summary>
public enum ResultFamily
{
    /// <summary>0.1.0 and 0.2.0: <c>ip4</c>/<c>ip6</c> (<see cref="V020.Result020"/>).</summary>
    V020,

    /// <summary>0.3.0, 0.3.1 and 0.4.0: <c>interfaces</c>/<c>ips</c> with <c>version</c> (<see cref="V040.Result040"/>).</summary>
    V040,

    /// <summary>1.0.0 and 1.1.0: no <c>ips[].version</c>, 1.1 interface fields (<see cref="V100.Result100"/>).</summary>
    V100,
}

/// <summary>Which family a version string belongs to: exact text among the seven spec versions (R41, R44).</summary>
public static class ResultFamilies
{
    private static readonly IReadOnlyList<string> V020Versions = ["0.1.0", "0.2.0"];
    private static readonly IReadOnlyList<string> V040Versions = ["0.3.0", "0.3.1", "0.4.0"];
    private static readonly IReadOnlyList<string> V100Versions = ["1.0.0", "1.1.0"];

    /// <summary>
    /// The family of <paramref name="version"/>; false for null and for anything but the seven exact version texts
    /// ("1.1" is not 1.1.0 here, R44).
    /// </summary>
    public static bool TryGetFamily(string? version, out ResultFamily family)
    {
        family = default;
        if (version is null)
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<ResultFamily>())
        {
            if (VersionsOf(candidate).Contains(version))
            {
                family = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>The versions a family's type holds, oldest first.</summary>
    public static IReadOnlyList<string> VersionsOf(ResultFamily family) => family switch
    {
        ResultFamily.V020 => V020Versions,
        ResultFamily.V040 => V040Versions,
        _ => V100Versions,
    };

    /// <summary>
    /// The version a typed result with an empty <c>cniVersion</c> is taken to have before converting (R43):
    /// Go's <c>ImplementedSpecVersion</c> of the family.
    /// </summary>
    public static string ImplementedVersion(ResultFamily family) => VersionsOf(family)[^1];

    /// <summary>Throws when <paramref name="version"/> is not one of the family's versions (Go's <c>NewResult</c> check, R44).</summary>
    internal static void EnsureBelongs(ResultFamily family, string version)
    {
        if (!VersionsOf(family).Contains(version))
        {
            throw new ResultParseException(
                $"result type supports [{string.Join(" ", VersionsOf(family))}] but unmarshalled CNIVersion is \"{version}\"");
        }
    }
}
