using System.Collections.Concurrent;
using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Harness.Versioning;
using CniTest.Scenarios.Checks;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Engine;

/// <summary>
/// Runs the output contract (<see cref="OutputContract"/>) on every call of the plugin under test, whichever check
/// made it, and turns it into one result per contract rule (<c>contract.&lt;rule&gt;</c>). A defect of the output
/// therefore fails once, under the rule it breaks, instead of in every check that happened to call ADD.
/// </summary>
internal sealed class ContractCollector
{
    /// <summary>
    /// The contract does not judge a plugin that died of a signal (its output is not an answer); a crash is still
    /// the cni#732 case of a failure without an error object, so it is reported under P2 here.
    /// </summary>
    internal static readonly ContractRule CrashRule = new("plugin.no-crash", "P2", RuleLevel.Should,
        "A plugin that fails exits with an error object; it does not die of a signal (cni#732: \"failed with no error message\").");

    private readonly ConcurrentQueue<ContractEntry> _violations = new();
    private int _calls;

    /// <summary>The checklist id of a contract result id (<c>contract.result.schema</c> → P16).</summary>
    public static string? ChecklistIdOf(string resultId) =>
        CheckCatalog.ContractRules.FirstOrDefault(r => "contract." + r.Id == resultId)?.ChecklistId;

    /// <summary>Judges one call of the plugin under test.</summary>
    public void Observe(string checkId, InvocationRecord record, string requestCniVersion, bool delegatedIpam)
    {
        Interlocked.Increment(ref _calls);
        foreach (var v in OutputContract.Check(record, requestCniVersion, delegatedIpam))
        {
            _violations.Enqueue(new ContractEntry(checkId, record, v));
        }

        if (record.Signal is { } signal && !record.TimedOut)
        {
            var level = CniVersion.TryParse(requestCniVersion, out var v, out _) && v >= CniVersion.V100 ? RuleLevel.Should : RuleLevel.Must;
            _violations.Enqueue(new ContractEntry(checkId, record, new ContractViolation(CrashRule.Id, CrashRule.ChecklistId, level,
                $"{record.Command} died of signal {signal} ({SignalName(signal)}) with {(record.Stdout.Length == 0 ? "nothing" : "no error object")} on stdout")));
        }
    }

    /// <summary>What was observed so far: the number of calls and every violation (the input of <see cref="Results(ContractTally, ProfilePolicy)"/>).</summary>
    public ContractTally Tally() => new(_calls, [.. _violations]);

    /// <summary>One result per contract rule, in the contract's order.</summary>
    public IReadOnlyList<CheckResult> Results(ProfilePolicy policy) => Results(Tally(), policy);

    /// <summary>
    /// One result per contract rule from a tally. Shards of one run each tally their own calls; the sum of their tallies
    /// (<see cref="ContractTally.Sum"/>) judged here gives what one whole run would have reported.
    /// </summary>
    public static IReadOnlyList<CheckResult> Results(ContractTally tally, ProfilePolicy policy)
    {
        var results = new List<CheckResult>();
        foreach (var rule in CheckCatalog.ContractRules)
        {
            var hits = tally.Violations.Where(e => e.Violation.RuleId == rule.Id).ToList();
            results.Add(hits.Count == 0 ? Clean(rule, tally.Calls) : Judged(rule, hits, policy));
        }

        return results;
    }

    private static CheckResult Clean(ContractRule rule, int calls) => new()
    {
        Id = "contract." + rule.Id,
        Title = rule.Description,
        Rule = rule.ChecklistId,
        Outcome = CheckOutcome.Passed,
        Level = rule.Level,
        Message = $"kept in all {calls} calls of the plugin",
    };

    private static CheckResult Judged(ContractRule rule, List<ContractEntry> hits, ProfilePolicy policy)
    {
        // Ordered by check and message so that the lines shown do not depend on which check finished first (nor on
        // how a run was sharded).
        var verdicts = hits.OrderBy(h => h.CheckId, StringComparer.Ordinal).ThenBy(h => h.Violation.Message, StringComparer.Ordinal)
            .Select(h => (h, Verdict: policy.Judge(h.Violation.Level, h.Violation.ChecklistId))).ToList();
        var worst = verdicts.MaxBy(v => v.Verdict);
        var shown = verdicts.Where(v => v.Verdict == worst.Verdict).Select(v => v.h).ToList();
        var lines = shown.Take(3).Select(h => $"[{h.CheckId}, {h.Record.Command}] {h.Violation.Message}").ToList();
        if (shown.Count > 3)
        {
            lines.Add($"… and {shown.Count - 3} more");
        }

        return new CheckResult
        {
            Id = "contract." + rule.Id,
            Title = rule.Description,
            Rule = worst.h.Violation.ChecklistId,
            Outcome = worst.Verdict == FindingVerdict.Failure ? CheckOutcome.Failed : CheckOutcome.Passed,
            IsWarning = worst.Verdict == FindingVerdict.Warning,
            Level = worst.h.Violation.Level,
            Message = string.Join("\n", lines),
            Invocations = [.. shown.Select(h => h.Record).Distinct().Take(3)],
            FailedInvocation = shown[0].Record,
        };
    }

    internal static string SignalName(int signal) => signal switch
    {
        2 => "SIGINT",
        6 => "SIGABRT",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => "signal " + signal,
    };
}

/// <summary>One contract violation: the check whose call broke it, the call, and what it broke.</summary>
public sealed record ContractEntry(string CheckId, InvocationRecord Record, ContractViolation Violation);

/// <summary>
/// The output contract's raw input: how many calls of the plugin under test were judged and what they broke. The JSON
/// report carries it so that <c>cnitest report merge</c> can judge the contract over all shards' calls at once.
/// </summary>
/// <param name="Calls">Calls of the plugin under test.</param>
/// <param name="Violations">Every violation, in no particular order.</param>
public sealed record ContractTally(int Calls, IReadOnlyList<ContractEntry> Violations)
{
    /// <summary>The tally of several parts of one run.</summary>
    public static ContractTally Sum(IEnumerable<ContractTally> parts)
    {
        var list = parts.ToList();
        return new ContractTally(list.Sum(p => p.Calls), [.. list.SelectMany(p => p.Violations)]);
    }
}
