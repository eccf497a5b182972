using Xunit;

namespace CniTest.Scenarios.Tests.Support;

/// <summary>
/// Root tests run one after another: each full run already uses every core, and the machine-state tests must
/// not see another test's fake hosts come and go.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RootCollection
{
    public const string Name = "root";
}
