namespace CniTest.Harness.Contract;

/// <summary>One output-contract rule a plugin call broke.</summary>
/// <param name="RuleId">The rule's stable id, e.g. <c>stdout.single-document</c>.</param>
/// <param name="ChecklistId">The checklist id the rule enforces, e.g. <c>P14</c>.</param>
/// <param name="Level">The rule's spec level for the request's version.</param>
/// <param name="Message">What was expected and what was seen.</param>
public sealed record ContractViolation(string RuleId, string ChecklistId, RuleLevel Level, string Message)
{
    /// <summary><c>LEVEL P.. rule-id: message</c>, the form the CLI prints after <c>cnitest: contract:</c>.</summary>
    public override string ToString() => $"{Level} {ChecklistId} {RuleId}: {Message}";
}
