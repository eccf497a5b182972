using System.Diagnostics.CodeAnalysis;

namespace CniTest.Harness.Versioning;

/// <summary>A parsed CNI spec version, compared numerically (checklist R17).</summary>
/// <remarks>
/// Parsing follows Go's <c>pkg/version</c>: empty means 0.1.0, one to three dot-separated integers
/// ("1" and "1.1" are 1.0.0 and 1.1.0), four or more parts or a non-integer part are errors.
/// Reconciling a config against a plugin's list is still exact string equality (R17, checklist §5.5),
/// so keep the original text wherever it is compared against <c>supportedVersions</c>.
/// </remarks>
/// <param name="Major">The first number.</param>
/// <param name="Minor">The second number.</param>
/// <param name="Patch">The third number (Go calls it micro).</param>
public readonly record struct CniVersion(int Major, int Minor, int Patch) : IComparable<CniVersion>
{
    /// <summary>The newest spec version this runtime implements.</summary>
    public static CniVersion Current { get; } = new(1, 1, 0);

    /// <summary>0.1.0, also what an empty version means.</summary>
    public static CniVersion V010 { get; } = new(0, 1, 0);

    /// <summary>0.3.0: conflists, <c>prevResult</c> and the <c>interfaces</c>/<c>ips</c> result.</summary>
    public static CniVersion V030 { get; } = new(0, 3, 0);

    /// <summary>0.4.0: CHECK, and DEL with the cached result as <c>prevResult</c>.</summary>
    public static CniVersion V040 { get; } = new(0, 4, 0);

    /// <summary>1.0.0: no <c>ips[].version</c>; error codes 4 to 7.</summary>
    public static CniVersion V100 { get; } = new(1, 0, 0);

    /// <summary>1.1.0: GC, STATUS and <c>cniVersions</c>.</summary>
    public static CniVersion V110 { get; } = new(1, 1, 0);

    /// <summary>
    /// Parses <paramref name="text"/> by Go's rules (R17); on failure <paramref name="error"/> says why, e.g.
    /// <c>invalid version "1.0.0-rc1": part "0-rc1" is not a number</c>.
    /// </summary>
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

    /// <summary>Parses as <see cref="TryParse"/>; throws <see cref="FormatException"/> with its message on failure.</summary>
    public static CniVersion Parse(string? text) =>
        TryParse(text, out var v, out var error) ? v : throw new FormatException(error);

    /// <summary>Numeric order: major, then minor, then patch (0.10.0 is after 0.9.0).</summary>
    public int CompareTo(CniVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    /// <summary>Numeric comparison, as <see cref="CompareTo"/>.</summary>
    public static bool operator <(CniVersion a, CniVersion b) => a.CompareTo(b) < 0;

    /// <summary>Numeric comparison, as <see cref="CompareTo"/>.</summary>
    public static bool operator >(CniVersion a, CniVersion b) => a.CompareTo(b) > 0;

    /// <summary>Numeric comparison, as <see cref="CompareTo"/>.</summary>
    public static bool operator <=(CniVersion a, CniVersion b) => a.CompareTo(b) <= 0;

    /// <summary>Numeric comparison, as <see cref="CompareTo"/>.</summary>
    public static bool operator >=(CniVersion a, CniVersion b) => a.CompareTo(b) >= 0;

    /// <summary>Always three parts: "1.1" parses to a version whose text is "1.1.0".</summary>
    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
