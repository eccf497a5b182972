namespace CniTest.Harness.Versioning;

/// <summary>The seven published spec versions and what each one allows (checklist §0.2).</summary>
public static class SpecVersions
{
    /// <summary>The newest tagged version: what a runtime asks VERSION with, and where GC and STATUS begin.</summary>
    public const string Latest = "1.1.0";

    /// <summary>Every tagged spec version, oldest first.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", Latest];

    /// <summary>True when <paramref name="version"/> is one of the seven tagged versions (exact text).</summary>
    public static bool IsKnown(string? version) => version is not null && All.Contains(version);

    /// <summary>VERSION exists from 0.2.0 on.</summary>
    public static bool HasVersionCommand(string version) => AtLeast(version, new CniVersion(0, 2, 0));

    /// <summary>Conflists, prevResult and rich results exist from 0.3.0 on.</summary>
    public static bool HasChaining(string version) => AtLeast(version, CniVersion.V030);

    /// <summary>CHECK exists from 0.4.0 on (R16).</summary>
    public static bool HasCheck(string version) => AtLeast(version, CniVersion.V040);

    /// <summary>DEL carries the cached result as prevResult from 0.4.0 on (R32).</summary>
    public static bool HasDelPrevResult(string version) => AtLeast(version, CniVersion.V040);

    /// <summary>GC and STATUS exist from 1.1.0 on (R16).</summary>
    public static bool HasGc(string version) => AtLeast(version, CniVersion.V110);

    /// <inheritdoc cref="HasGc"/>
    public static bool HasStatus(string version) => AtLeast(version, CniVersion.V110);

    private static bool AtLeast(string version, CniVersion minimum) =>
        CniVersion.TryParse(version, out var v, out _) && v >= minimum;
}
