using CniTest.BrokenPlugins.Tests.Probes;
using CniTest.BrokenPlugins.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.BrokenPlugins.Tests;

/// <summary>
/// Every broken-plugin fixture really has its defect: its probe, run by hand inside namespaces this test creates,
/// sees the defect in the fixture and does not see it in the reference plugin the fixture wraps. The machine's own
/// network state is compared before and after.
/// </summary>
public sealed class BrokenPluginDefectTests
{
    public static TheoryData<string> Fixtures => new(BrokenPluginManifest.Load().Select(e => e.Plugin));

    [PrivilegedTheory(Timeout = 30_000)]
    [MemberData(nameof(Fixtures))]
    public async Task Probe_BrokenFixtureAndItsReference_DefectOnlyInTheFixture(string plugin)
    {
        // Arrange
        var entry = BrokenPluginManifest.Get(plugin);
        var probe = DefectProbes.All[plugin];
        var machineBefore = await MachineState.TakeAsync(TestContext.Current.CancellationToken);

        // Act
        var broken = await RunInFreshLab(probe, entry.Path, TestContext.Current.CancellationToken);
        var reference = await RunInFreshLab(probe, entry.ReferencePath, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"{plugin}: {broken}\n{entry.Reference}: {reference}");

        // Assert
        broken.DefectSeen.Should().BeTrue($"{plugin} should show its defect ({entry.Defect}); probe saw {broken}");
        reference.DefectSeen.Should().BeFalse($"the reference {entry.Reference} must pass the same probe; probe saw {reference}");
        (await MachineState.TakeAsync(TestContext.Current.CancellationToken)).ChangesSince(machineBefore)
            .Should().BeEmpty("everything happens inside namespaces the test created");
    }

    private static async Task<Evidence> RunInFreshLab(Probe probe, string plugin, CancellationToken cancellation)
    {
        using var lab = await Lab.CreateAsync(cancellation);
        return await probe(lab, plugin);
    }
}
