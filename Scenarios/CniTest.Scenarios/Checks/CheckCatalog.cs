using CniTest.Scenarios.Engine;

namespace CniTest.Scenarios.Checks;

/// <summary>Every check of the suite, in report order.</summary>
public static class CheckCatalog
{
    public static IReadOnlyList<CheckDefinition> All { get; } =
    [
        .. VersionChecks.All(),
        .. AddChecks.All(),
        .. AttachmentChecks.All(),
        .. CheckCommandChecks.All(),
        .. DelChecks.All(),
        .. LeakChecks.All().Select(c => c with { Weight = 4 }),
        .. GcStatusChecks.All(),
        .. ChainChecks.All(),
        .. BadInputChecks.All(),
        .. ConcurrencyChecks.All().Select(c => c with { Weight = 5 }),
    ];
}
