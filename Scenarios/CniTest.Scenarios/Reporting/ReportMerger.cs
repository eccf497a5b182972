using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Reporting;

/// <summary>
/// <c>cnitest report merge</c>: the shard reports of one run (<c>--shard 1/N</c> … <c>N/N</c>) become the report one
/// whole run would have written: every planned check once, in plan order, and the output contract judged over all
/// shards' calls together (each shard judged only its own, so its contract results are partial).
/// </summary>
public static class ReportMerger
{
    /// <summary>Merges; an <see cref="InvalidOperationException"/> says why the reports are not the shards of one run.</summary>
    public static RunReport Merge(IReadOnlyList<RunReport> shards)
    {
        if (shards.Count == 0)
        {
            throw new InvalidOperationException("no report to merge");
        }

        var first = shards[0];
        if (shards.Any(s => s.Shard is null))
        {
            return shards.Count == 1 ? first : throw new InvalidOperationException("a report without --shard is a whole run already; merge only shard reports");
        }

        var count = first.Shard!.Count;
        foreach (var s in shards)
        {
            if (s.Shard!.Count != count || s.Plugin != first.Plugin || s.Role != first.Role || s.Policy != first.Policy
                || !s.Planned.SequenceEqual(first.Planned))
            {
                throw new InvalidOperationException($"shard {s.Shard} is not from the same run as shard {first.Shard} " +
                    "(the plugin, role, profile, shard count and planned checks must all agree)");
            }
        }

        var indexes = shards.Select(s => s.Shard!.Index).ToList();
        var missing = Enumerable.Range(1, count).Except(indexes).ToList();
        var twice = indexes.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (missing.Count > 0 || twice.Count > 0)
        {
            throw new InvalidOperationException(missing.Count > 0
                ? $"shard {string.Join(", ", missing.Select(m => $"{m}/{count}"))} missing"
                : $"shard {string.Join(", ", twice.Select(m => $"{m}/{count}"))} given twice");
        }

        var position = first.Planned.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => x.i);
        var checks = shards.SelectMany(s => s.Results.Where(r => !IsContract(r))).ToList();
        var unplanned = checks.Where(r => !position.ContainsKey(r.Label)).Select(r => r.Label).ToList();
        var notRun = first.Planned.Except(checks.Select(r => r.Label)).ToList();
        if (unplanned.Count > 0 || notRun.Count > 0 || checks.Count != first.Planned.Count)
        {
            throw new InvalidOperationException(notRun.Count > 0
                ? $"planned but in no shard: {string.Join(", ", notRun.Take(5))}"
                : $"results that are not planned or appear twice: {string.Join(", ", unplanned.Take(5))}");
        }

        // The contract rules every shard reported (the run's --filter chose them), judged over the sum of the tallies.
        var contractIds = first.Results.Where(IsContract).Select(r => r.Id).ToHashSet();
        var tally = ContractTally.Sum(shards.Select(s => s.Contract ?? new ContractTally(0, [])));
        var contract = ContractCollector.Results(tally, first.Policy).Where(r => contractIds.Contains(r.Id));

        return first with
        {
            Shard = null,
            // Shards run side by side: the merged run took as long as its slowest part.
            Duration = shards.Max(s => s.Duration),
            Versions = [.. shards.SelectMany(s => s.Versions).Distinct()],
            Results = [.. checks.OrderBy(r => position[r.Label]), .. contract],
            Contract = tally,
        };
    }

    private static bool IsContract(CheckResult r) => r.Id.StartsWith("contract.", StringComparison.Ordinal);
}
