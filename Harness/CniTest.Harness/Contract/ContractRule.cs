namespace CniTest.Harness.Contract;

/// <summary>
/// What an output-contract rule is: its stable id, the checklist id it enforces, its level and a description.
/// <see cref="Level"/> is the level at spec 1.1.0; rules whose strength changed between versions (checklist
/// errata "Levels by version") report the level of the version under test in each <see cref="ContractViolation"/>.
/// </summary>
/// <param name="Id">The rule's stable id, e.g. <c>stdout.single-document</c>.</param>
/// <param name="ChecklistId">The checklist id the rule enforces, e.g. <c>P14</c>.</param>
/// <param name="Level">The rule's spec level at 1.1.0.</param>
/// <param name="Description">The rule in one sentence.</param>
public sealed record ContractRule(string Id, string ChecklistId, RuleLevel Level, string Description);
