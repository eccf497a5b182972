using CniTest.Harness.Invocation;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Contract.Rules;

/// <summary>P14: a successful ADD prints a result (libcni fails with "failed to unmarshal raw result" otherwise).</summary>
internal sealed class AddResultPresent : OutputRule
{
    public override ContractRule Rule { get; } = new("add.result-present", "P14", RuleLevel.Must,
        "A successful ADD prints its result on stdout.");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (input.Command == CniCommand.Add && input.Succeeded && input.Stdout.IsBlank)
        {
            Report(into, "ADD exited 0 but printed nothing on stdout");
        }
    }
}

/// <summary>
/// P14/P10: the output of a successful ADD or VERSION is exactly one JSON document; a log line or a second
/// document after it breaks every JSON decoder (cni#571). Failures are the error-object rule's business (P2).
/// </summary>
internal sealed class StdoutSingleDocument : OutputRule
{
    public override ContractRule Rule { get; } = new("stdout.single-document", "P14", RuleLevel.Must,
        "What a successful ADD or VERSION prints on stdout is exactly one JSON document (cni#571).");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (input.Succeeded && input.Command is CniCommand.Add or CniCommand.Version
            && !input.Stdout.IsBlank && !input.Stdout.IsSingle)
        {
            Report(into, $"stdout is {input.Stdout.Describe()}, expected exactly one JSON document");
        }
    }
}

/// <summary>
/// What a successful command without defined output prints (checklist §3.8). Levels follow the checklist: DEL
/// stdout is never a failure (P31), CHECK must print nothing in 0.4.0 (P36 errata), GC has "no output on
/// success" (P41, warn), STATUS defines no output.
/// </summary>
internal sealed class EmptyStdoutOnSuccess(string command, string checklistId, RuleLevel level, string description,
    Func<ContractInput, RuleLevel>? levelFor = null) : OutputRule
{
    public static EmptyStdoutOnSuccess Del() => new(CniCommand.Del, "P31", RuleLevel.May,
        "A successful DEL prints nothing; libcni ignores DEL stdout, so this is informational only.");

    public static EmptyStdoutOnSuccess Check() => new(CniCommand.Check, "P36", RuleLevel.May,
        "A successful CHECK prints nothing (MUST in 0.4.0: \"return either nothing or an error\"; informational in 1.x).",
        input => input.RequestCniVersion == "0.4.0" ? RuleLevel.Must : RuleLevel.May);

    public static EmptyStdoutOnSuccess Gc() => new(CniCommand.Gc, "P41", RuleLevel.Should,
        "GC prints no output on success (SPEC 1.1.0 §2 GC).");

    public static EmptyStdoutOnSuccess Status() => new(CniCommand.Status, "P44", RuleLevel.May,
        "STATUS defines no success output (checklist §3.8).");

    public override ContractRule Rule { get; } = new($"{command.ToLowerInvariant()}.empty-stdout", checklistId, level, description);

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (input.Command == command && input.Succeeded && !input.Stdout.IsBlank)
        {
            var text = input.Record.StdoutText.Trim();
            Report(into, levelFor?.Invoke(input) ?? Rule.Level,
                $"{command} succeeded but printed {(text.Length > 80 ? text[..77] + "..." : text)}");
        }
    }
}

/// <summary>Shared level rules of the errata "Levels by version".</summary>
internal static class VersionedLevels
{
    /// <summary>Error object on stdout (P2): MUST up to 0.4.0, SHOULD in 1.x.</summary>
    public static RuleLevel ErrorObject(ContractInput input) =>
        input.VersionAtLeast(CniVersion.V100) ? RuleLevel.Should : RuleLevel.Must;
}
