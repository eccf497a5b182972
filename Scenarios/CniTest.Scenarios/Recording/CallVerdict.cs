using System.Text.Json.Nodes;
using CniTest.Harness.Contract;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;

namespace CniTest.Scenarios.Recording;

/// <summary>
/// What replay compares for one call. The verdict is the outcome class (how the call ended, told apart as libcni
/// does, R26: success, error object, no output, stderr only, unparsable stdout, not an error object, signal,
/// timeout), the error code when there is an error object, and the output-contract rules the call broke (P1–P24,
/// the same checks <c>run</c> applies). The error message, the exit status of a failure and the result summary are
/// shown beside it but do not decide it: they carry addresses, names and wording a fix may legitimately change.
/// </summary>
/// <param name="Outcome">The outcome class (<c>success</c>, <c>error-object</c>, <c>no-output</c>, …).</param>
/// <param name="ErrorCode">The error object's code; null without one.</param>
/// <param name="ErrorMsg">The error object's <c>msg</c>, or stderr's first line for a failure without one.</param>
/// <param name="Result">A one-line summary of a successful answer (the ADD result's interfaces and addresses).</param>
/// <param name="Contract">The output-contract rules broken, as <c>P16 result.schema</c>, sorted.</param>
public sealed record CallVerdict(string Outcome, uint? ErrorCode, string? ErrorMsg, string? Result, IReadOnlyList<string> Contract)
{
    /// <summary>True when the two verdicts agree (outcome class, error code, contract rules).</summary>
    public bool SameAs(CallVerdict other) =>
        Outcome == other.Outcome && ErrorCode == other.ErrorCode && Contract.SequenceEqual(other.Contract);

    /// <summary>The verdict of <paramref name="record"/>.</summary>
    public static CallVerdict Of(InvocationRecord record, string requestCniVersion, bool? delegatedIpam)
    {
        var shape = FailureClassifier.Classify(record);
        var contract = OutputContract.Check(record, requestCniVersion, delegatedIpam)
            .Select(v => $"{v.ChecklistId} {v.RuleId}").Distinct().Order(StringComparer.Ordinal).ToList();
        CniErrorObject? error = shape == FailureShape.ErrorObject ? CniErrorObject.TryParse(StdoutDocuments.First(record.Stdout)) : null;
        var msg = error?.Msg ?? (shape == FailureShape.None ? null : FirstLine(record.StderrText));
        return new CallVerdict(OutcomeName(shape), error?.Code, msg, shape == FailureShape.None ? Summary(record) : null, contract);
    }

    /// <summary>One line for a side-by-side table.</summary>
    public override string ToString()
    {
        var text = Outcome switch
        {
            "success" => "ok" + (Result is { Length: > 0 } r ? ": " + r : ""),
            "error-object" => $"error {ErrorCode}: {ErrorMsg}",
            _ => Outcome + (ErrorMsg is { Length: > 0 } m ? ": " + m : ""),
        };
        return Contract.Count == 0 ? text : $"{text} [contract: {string.Join(", ", Contract)}]";
    }

    private static string OutcomeName(FailureShape shape) => shape switch
    {
        FailureShape.None => "success",
        FailureShape.NoOutput => "no-output",
        FailureShape.StderrOnly => "stderr-only",
        FailureShape.UnparsableStdout => "unparsable-stdout",
        FailureShape.NotAnErrorObject => "not-an-error-object",
        FailureShape.ErrorObject => "error-object",
        FailureShape.KilledBySignal => "killed-by-signal",
        _ => "timed-out",
    };

    private static string? Summary(InvocationRecord record)
    {
        if (StdoutDocuments.First(record.Stdout) is not JsonObject json)
        {
            return null;
        }

        if (json["supportedVersions"] is JsonArray versions)
        {
            return "versions " + string.Join(",", versions.Select(v => v?.ToString()));
        }

        var parts = new List<string>();
        if (json["interfaces"] is JsonArray interfaces)
        {
            parts.AddRange(interfaces.Select(i => i?["name"]?.ToString()).OfType<string>());
        }

        if (json["ips"] is JsonArray ips)
        {
            parts.AddRange(ips.Select(i => i?["address"]?.ToString()).OfType<string>());
        }

        foreach (var key in new[] { "ip4", "ip6" })
        {
            if (json[key]?["ip"]?.ToString() is { } ip)
            {
                parts.Add(ip);
            }
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static string? FirstLine(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length == 0 ? null : line.Length > 120 ? line[..119] + "…" : line;
    }
}
