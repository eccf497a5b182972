using System.Globalization;

namespace CniTest.Scenarios.Engine;

/// <summary>
/// <c>--shard K/N</c>: run part K (1-based) of N of the planned checks. The assignment depends only on the plan
/// (check ids, versions, weights), never on timing or the machine, so N machines running K = 1..N with the same plugin
/// and options run every planned check exactly once.
/// </summary>
/// <param name="Index">K, from 1 to <paramref name="Count"/>.</param>
/// <param name="Count">N, at least 1.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Parses <c>K/N</c> with 1 ≤ K ≤ N; null with the reason otherwise.</summary>
    public static ShardSpec? Parse(string text, out string? error)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && k >= 1 && k <= n)
        {
            error = null;
            return new ShardSpec(k, n);
        }

        error = $"--shard must be K/N with 1 <= K <= N (e.g. 2/3), not '{text}'";
        return null;
    }

    /// <summary>The shard's own checks, in plan order.</summary>
    public IReadOnlyList<PlannedCheck> Select(IReadOnlyList<PlannedCheck> planned)
    {
        var shardOf = Assign(planned, Count);
        return [.. planned.Where((_, i) => shardOf[i] == Index)];
    }

    /// <summary>
    /// The shard (1..<paramref name="count"/>) of each planned check: greedy balancing on <see cref="CheckDefinition.Weight"/>
    /// (a check that does not run weighs nothing), heaviest first, each to the lightest shard so far, ties broken by
    /// the check's label (ordinal) and then the lowest shard number. Only the plan goes in, so every machine agrees.
    /// </summary>
    public static int[] Assign(IReadOnlyList<PlannedCheck> planned, int count)
    {
        var load = new long[count];
        var shardOf = new int[planned.Count];
        var order = Enumerable.Range(0, planned.Count)
            .OrderByDescending(i => WeightOf(planned[i]))
            .ThenBy(i => planned[i].Label, StringComparer.Ordinal)
            .ThenBy(i => i);
        foreach (var i in order)
        {
            var lightest = 0;
            for (var s = 1; s < count; s++)
            {
                if (load[s] < load[lightest])
                {
                    lightest = s;
                }
            }

            // A check that does not run still lands in one shard (its skip is reported there), at no cost; one
            // weight unit keeps those spread too instead of all joining the lightest shard.
            load[lightest] += Math.Max(1, WeightOf(planned[i]));
            shardOf[i] = lightest + 1;
        }

        return shardOf;
    }

    private static int WeightOf(PlannedCheck check) => check.SkipReason is null ? check.Definition.Weight : 0;

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}
