using System.Diagnostics.CodeAnalysis;

namespace CniTest.Harness.Versioning;

/// <summary>A parsed CNI spec version, compared numerically (checklist R17).</summary>
/// <remarks>
/// Parsing follows Go's <c>pkg/version</c>: empty means 0.1.0, one to three dot-separated integers
/// ("1" and "1.1" are 1.0.0 and 1.1.0), four or more parts or a non-integer part are errors.
/// Reconciling a config against a plugin's list is still exact string equality (R17, checklist §5.5),
/// so keep the original text wherever it is compared against <c>supportedVersions</c>.
/// </remarks>
public readonly record struct CniVersion(int Major, int Minor, int Patch) : IComparable<CniVersion>
{
    /// <summary>The newest spec version this runtime implements.</summary>
    public static CniVersion Current { get; } = new(1, 1, 0);

    public static CniVersion V010 { get; } = new(0, 1, 0);
    public static CniVersion V030 { get; } = new(0, 3, 0);
    public static CniVersion V040 { get; } = new(0, 4, 0);
    public static CniVersion V100 { get; } = new(1, 0, 0);
    public static CniVersion V110 { get; } = new(1, 1, 0);

    public static bool TryParse(string? text, out CniVersion version, [NotNullWhen(false)] out string? error)
    {
        version = default;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            version = V010;
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length > 3)
        {
            error = $"invalid version \"{text}\": too many parts";
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.AllowLeadingSign,
                    System.Globalization.CultureInfo.InvariantCulture, out numbers[i]))
            {
                error = $"invalid version \"{text}\": part \"{parts[i]}\" is not a number";
                return false;
            }
        }

        version = new CniVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    public static CniVersion Parse(string? text) =>
        TryParse(text, out var v, out var error) ? v : throw new FormatException(error);

    public int CompareTo(CniVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    public static bool operator <(CniVersion a, CniVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(CniVersion a, CniVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(CniVersion a, CniVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(CniVersion a, CniVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
