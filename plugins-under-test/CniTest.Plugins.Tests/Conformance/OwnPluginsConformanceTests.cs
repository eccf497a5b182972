using CniTest.Plugins.Tests.Bridge.Support;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Conformance;

/// <summary>
/// Issue 6 "Done when": the conformance suite (`cnitest run`) against our bridge (interface role, with our IPAM
/// beside it) and our IPAM (ipam role) finds zero failed checks and skips none but CHECK below 0.4.0 (where CHECK does not exist): GC and STATUS included, with the
/// deep checks at every version 0.1.0 … 1.1.0. Runs the binaries in <see cref="BridgeRuntime.PluginDir"/>: the NativeAOT
/// ones under CI (CNITEST_BRIDGE_DIR), the JIT build otherwise.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class OwnPluginsConformanceTests
{
    [PrivilegedTheory(Timeout = 300_000)]
    [InlineData("cnitest-bridge", PluginRole.Interface)]
    [InlineData("cnitest-ipam", PluginRole.Ipam)]
    public async Task Run_OwnPluginAtEveryVersion_NothingFailsOrSkips(string plugin, PluginRole role)
    {
        // Arrange
        var options = new RunOptions
        {
            PluginPath = Path.Combine(BridgeRuntime.PluginDir, plugin),
            Role = role,
            CniVersion = "all",
            Jobs = Environment.ProcessorCount,
        };

        // Act
        var report = await SuiteRunner.RunAsync(options, ct: TestContext.Current.CancellationToken);

        // Assert
        // Only a verb the version does not have may be skipped: CHECK before 0.4.0 (P35). Never GC or STATUS.
        report.Results.Where(r => r.Outcome != CheckOutcome.Passed && !(r.Outcome == CheckOutcome.Skipped && IsCheckBefore040(r)))
            .Select(r => $"{r.Outcome} {r.Id} [{r.CniVersion}] {r.Rule}: {r.Message}").Should().BeEmpty();
        report.Results.Select(r => r.CniVersion).Should().Contain(["0.1.0", "0.4.0", "1.0.0", "1.1.0"]);
        report.Results.Should().Contain(r => r.Id.StartsWith("gc.", StringComparison.Ordinal))
            .And.Contain(r => r.Id.StartsWith("status.", StringComparison.Ordinal));
    }

    private static bool IsCheckBefore040(CheckResult r) =>
        r.Id.StartsWith("check.", StringComparison.Ordinal) && r.CniVersion is "0.1.0" or "0.2.0" or "0.3.0" or "0.3.1";
}

/// <summary>Full suite runs use every core; they run one at a time, apart from the other plugin tests' classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConformanceCollection
{
    public const string Name = "conformance";
}
