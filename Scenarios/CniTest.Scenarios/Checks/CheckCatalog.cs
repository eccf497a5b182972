using CniTest.Harness.Contract;
using CniTest.Scenarios.Engine;

namespace CniTest.Scenarios.Checks;

/// <summary>Every check of the suite, in report order.</summary>
public static class CheckCatalog
{
    /// <summary>The checks with a body, in report order (each enforces the rule id in <see cref="CheckDefinition.Rule"/>).</summary>
    public static IReadOnlyList<CheckDefinition> All { get; } =
    [
        .. VersionChecks.All(),
        .. AddChecks.All(),
        .. AttachmentChecks.All(),
        .. CheckCommandChecks.All(),
        .. DelChecks.All(),
        .. LeakChecks.All().Select(c => c with { Weight = 4 }),
        .. ProcessChecks.All(),
        .. GcStatusChecks.All(),
        .. ChainChecks.All(),
        .. BadInputChecks.All(),
        .. ConcurrencyChecks.All().Select(c => c with { Weight = 5 }),
        .. ConnectivityChecks.All().Select(c => c with { Weight = 3 }),
        .. RuntimePersonaChecks.All(),
    ];

    /// <summary>
    /// The output-contract rules judged on every call the suite makes; each becomes the result
    /// <c>contract.&lt;id&gt;</c> of a run (<see cref="OutputContract.Rules"/> plus the crash rule).
    /// </summary>
    public static IReadOnlyList<ContractRule> ContractRules { get; } = [.. OutputContract.Rules, ContractCollector.CrashRule];
}
