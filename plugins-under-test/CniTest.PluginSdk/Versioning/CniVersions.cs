using System.Globalization;

namespace CniTest.PluginSdk.Versioning;

/// <summary>The three result shapes (checklist R41).</summary>
public enum ResultFamily
{
    /// <summary>0.1.0 and 0.2.0: <c>ip4</c>/<c>ip6</c>.</summary>
    V020,

    /// <summary>0.3.0, 0.3.1 and 0.4.0: <c>interfaces</c>, <c>ips</c> with <c>version</c>, <c>routes</c>.</summary>
    V040,

    /// <summary>1.0.0 and 1.1.0: as 0.4.0 without <c>ips[].version</c>.</summary>
    V100,
}

/// <summary>Spec versions, parsing and comparison (Go <c>pkg/version</c>; checklist R17).</summary>
public static class CniVersions
{
    /// <summary>The newest spec version.</summary>
    public const string Latest = "1.1.0";

    /// <summary>What an empty or absent <c>cniVersion</c> means (checklist §5.5).</summary>
    public const string Default = "0.1.0";

    /// <summary>Every spec version, oldest first.</summary>
    public static IReadOnlyList<string> All { get; } = ["0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];

    /// <summary>
    /// Parses like Go's <c>version.ParseVersion</c>: empty means 0.1.0, at most three dot-separated integers,
    /// missing parts are 0 (<c>"1.1"</c> is 1.1.0). Used only for ordering; support is decided by exact string (§5.5).
    /// </summary>
    public static bool TryParse(string? text, out (int Major, int Minor, int Micro) version)
    {
        version = (0, 1, 0);
        if (string.IsNullOrEmpty(text))
            return true;
        var parts = text.Split('.');
        if (parts.Length > 3)
            return false;
        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numbers[i]))
                return false;
        }
        version = (numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <summary>True when <paramref name="version"/> parses and is at least <paramref name="minimum"/>.</summary>
    public static bool AtLeast(string version, string minimum) =>
        TryParse(version, out var v) && TryParse(minimum, out var m) && v.CompareTo(m) >= 0;

    /// <summary>The result family of a version string; unknown versions map by numeric order.</summary>
    public static ResultFamily FamilyOf(string version)
    {
        if (AtLeast(version, "1.0.0"))
            return ResultFamily.V100;
        return AtLeast(version, "0.3.0") ? ResultFamily.V040 : ResultFamily.V020;
    }
}
