namespace CniTest.Harness.Contract;

/// <summary>
/// One output-contract rule: its metadata and the check. Rules report through
/// <see cref="Report(List{ContractViolation}, string)"/>.
/// </summary>
internal abstract class OutputRule
{
    public abstract ContractRule Rule { get; }

    /// <summary>Adds a violation for every way <paramref name="input"/> breaks this rule.</summary>
    public abstract void Check(ContractInput input, List<ContractViolation> into);

    protected void Report(List<ContractViolation> into, RuleLevel level, string message) =>
        into.Add(new ContractViolation(Rule.Id, Rule.ChecklistId, level, message));

    protected void Report(List<ContractViolation> into, string message) => Report(into, Rule.Level, message);
}
