using CniTest.Harness.Results.V020;
using CniTest.Harness.Results.V040;
using CniTest.Harness.Results.V100;

namespace CniTest.Harness.Results;

/// <summary>
/// Converts a result to another spec version through one explicit table keyed by (from family, to family), the
/// C# form of Go's <c>pkg/types/internal/convert.go</c> registry without its hidden <c>init()</c> registration
/// (R42, STYLE §3 example 5).
/// </summary>
public static class ResultConverter
{
    private delegate ICniResult Converter(ICniResult from, string toVersion);

    // A collection initializer calls Add, so a duplicated pair fails at type initialisation.
    private static readonly Dictionary<(ResultFamily From, ResultFamily To), Converter> Table = new()
    {
        // 0.1.0 <-> 0.2.0 (and same version): only cniVersion changes.
        { (ResultFamily.V020, ResultFamily.V020), (r, v) => (Result020)r with { CniVersion = v } },
        { (ResultFamily.V020, ResultFamily.V040), (r, v) => Convert040.From020((Result020)r, v) },
        { (ResultFamily.V020, ResultFamily.V100), (r, v) => Convert100.From040(Convert040.From020((Result020)r, "0.4.0"), v) },

        { (ResultFamily.V040, ResultFamily.V020), (r, v) => Convert040.To020((Result040)r, v) },
        // Within 0.3.0/0.3.1/0.4.0: a copy with the new cniVersion (records are immutable, so sharing is a copy).
        { (ResultFamily.V040, ResultFamily.V040), (r, v) => (Result040)r with { CniVersion = v } },
        { (ResultFamily.V040, ResultFamily.V100), (r, v) => Convert100.From040((Result040)r, v) },

        // 1.x -> 0.1/0.2 goes via 0.4.0.
        { (ResultFamily.V100, ResultFamily.V020), (r, v) => Convert040.To020(Convert100.To040((Result100)r, "0.4.0"), v) },
        { (ResultFamily.V100, ResultFamily.V040), (r, v) => Convert100.To040((Result100)r, v) },
        // 1.0.0 <-> 1.1.0 (and same version): only cniVersion changes.
        { (ResultFamily.V100, ResultFamily.V100), (r, v) => (Result100)r with { CniVersion = v } },
    };

    /// <summary>The (from, to) family pairs the table holds.</summary>
    internal static IReadOnlyCollection<(ResultFamily From, ResultFamily To)> Pairs => Table.Keys;

    /// <summary>
    /// Converts <paramref name="result"/> to <paramref name="toVersion"/> (empty means 0.1.0). A result with an
    /// empty <c>cniVersion</c> is taken to have its family's newest version (R43).
    /// </summary>
    /// <exception cref="ResultConversionException">No converter for the pair, or the data does not fit the target.</exception>
    public static ICniResult Convert(ICniResult result, string toVersion)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (string.IsNullOrEmpty(toVersion))
        {
            toVersion = "0.1.0";
        }

        var fromFamily = FamilyOf(result);
        var fromVersion = string.IsNullOrEmpty(result.CniVersion) && fromFamily is { } f
            ? ResultFamilies.ImplementedVersion(f)
            : result.CniVersion;
        if (fromFamily is null
            || !ResultFamilies.TryGetFamily(toVersion, out var toFamily)
            || !Table.TryGetValue((fromFamily.Value, toFamily), out var convert))
        {
            throw new ResultConversionException($"no converter for CNI result version {fromVersion} to {toVersion}");
        }

        return convert(result, toVersion);
    }

    private static ResultFamily? FamilyOf(ICniResult result) => result switch
    {
        Result020 => ResultFamily.V020,
        Result040 => ResultFamily.V040,
        Result100 => ResultFamily.V100,
        _ => null,
    };
}
