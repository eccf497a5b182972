namespace CniTest.Harness.Contract;

/// <summary>
/// What an output-contract rule is: its stable id, the checklist id it enforces, its level and a description.
/// <see cref="Level"/> is the level at spec 1.1.0; rules whose strength changed between versions (checklist
/// errata "Levels by version") report the level of the version under test in each <see cref="ContractViolation"/>.
/// </summary>
public sealed record ContractRule(string Id, string ChecklistId, RuleLevel Level, string Description);
