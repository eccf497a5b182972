using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Runtimes;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// Debian's bridge and ptp (and our bridge, where CNITEST_BRIDGE_DIR names it) pass with 0 failed under each
/// <c>--runtime</c>. The run is narrowed to a representative set (ADD, the attachment, CHECK, DEL, the connectivity
/// basics and runtime.personas) to stay fast; the full suite under each persona was verified by hand (notes).
/// </summary>
[Collection(RootCollection.Name)]
public sealed class RuntimePersonaRunTests
{
    private const string Representative = "add.,attachment.,check.after-add,del.twice,del.sandbox-deleted,net.gateway,net.pod-to-pod,runtime.personas";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        var plugins = new List<string> { "/usr/lib/cni/bridge", "/usr/lib/cni/ptp" };
        if (Environment.GetEnvironmentVariable("CNITEST_BRIDGE_DIR") is { Length: > 0 } dir)
        {
            plugins.Add(Path.Combine(dir, "cnitest-bridge"));
        }

        foreach (var runtime in RuntimePersonas.Names)
        {
            foreach (var plugin in plugins)
            {
                data.Add(plugin, runtime);
            }
        }

        return data;
    }

    [PrivilegedTheory]
    [MemberData(nameof(Cases))]
    public async Task Run_CleanPluginAsRuntime_HasZeroFailedChecks(string plugin, string runtime)
    {
        // Arrange
        RuntimePersonas.TryParse(runtime, out var persona);
        var options = new RunOptions { PluginPath = plugin, Runtime = persona, Filter = Representative };

        // Act
        var report = await SuiteRunner.RunAsync(options, ct: TestContext.Current.CancellationToken);

        // Assert
        report.Runtime.Should().Be(runtime);
        report.Results.Where(r => r.Outcome == CheckOutcome.Failed).Select(r => $"{r.Id}: {r.Message}").Should().BeEmpty();
        report.Results.Should().Contain(r => r.Id == "runtime.personas" && r.Outcome == CheckOutcome.Passed);
        report.Results.Should().Contain(r => r.Id == "net.pod-to-pod" && r.Outcome == CheckOutcome.Passed, "the sandboxes stay reachable by the suite's probes");
        var checkAfterAdd = report.Results.Single(r => r.Id == "check.after-add");
        checkAfterAdd.Outcome.Should().Be(persona.Sends(PersonaVerb.Check) ? CheckOutcome.Passed : CheckOutcome.Skipped);
    }
}
