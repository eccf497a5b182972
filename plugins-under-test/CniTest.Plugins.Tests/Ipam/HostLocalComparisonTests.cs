using System.Text.Json.Nodes;
using CniTest.Plugins.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Ipam;

/// <summary>
/// Debian's Go host-local and cnitest-ipam run the same call sequence against the same configuration, each in its
/// own temporary data directory: every step must give the same addresses (or the same error) and the network
/// directories must end up identical — names, contents and modes.
/// </summary>
public sealed class HostLocalComparisonTests : IDisposable
{
    // Range set 0: two ranges with explicit start/end/gateway (wrap-around and gateway skipping); set 1: a tiny v6 pool.
    private const string Ranges = """
        [[{"subnet":"10.40.0.0/28","rangeStart":"10.40.0.3","rangeEnd":"10.40.0.6","gateway":"10.40.0.4"},{"subnet":"10.41.0.0/30"}],
         [{"subnet":"fd00:40::/125"}]]
        """;

    private static readonly Step[] Sequence =
    [
        new("ADD", "c1"), new("ADD", "c2"), new("ADD", "c3"), new("DEL", "c2"),
        new("ADD", "c4"), new("ADD", "c5"), new("ADD", "c6"),
        new("DEL", "c1"), new("DEL", "c1"), new("DEL", "never-added"),
        new("ADD", "c7", CniArgs: "IP=10.40.0.3"), new("ADD", "c7", CniArgs: "IP=10.40.0.3"),
        new("ADD", "c8", "eth1"), new("DEL", "c3"), new("ADD", "c8", "eth1"),
        new("CHECK", "c8", "eth1"), new("CHECK", "c2"),
        new("DEL", "c5"), new("ADD", "c9", CniArgs: "IgnoreUnknown=1;K8S_POD_NAME=x"),
        new("ADD", "c10", CniArgs: "FOO=BAR", SameErrorText: false),
    ];

    private readonly IpamScratch _go = new();
    private readonly IpamScratch _ours = new();

    [PrivilegedFact]
    public void Sequence_V100_MatchesGoHostLocal() => RunAndCompare("1.0.0");

    [PrivilegedFact]
    public void Sequence_V031_MatchesGoHostLocal() => RunAndCompare("0.3.1");

    [PrivilegedFact]
    public void SharedDataDir_GoAndOursInterleaved_NeverCollideAndReleaseEachOthers()
    {
        // Arrange: one data directory for both, as after swapping the binary on a node with running pods
        var config = _ours.Config(IpamScratch.DualStack, "1.0.0").ToJsonString();
        var addresses = new List<string>();

        // Act
        for (var i = 0; i < 6; i++)
        {
            var env = PluginProcess.Env("ADD", $"m{i}");
            var outcome = i % 2 == 0 ? ReferencePlugins.Run("host-local", env, config) : IpamBinary.Run(env, config);
            outcome.ExitCode.Should().Be(0, outcome.Stdout);
            addresses.Add(outcome.Json!["ips"]![0]!["address"]!.GetValue<string>());
        }
        var duplicate = IpamBinary.Run(PluginProcess.Env("ADD", "m0"), config);
        var dels = Enumerable.Range(0, 6).Select(i => IpamBinary.Run(PluginProcess.Env("DEL", $"m{i}"), config)).ToList();

        // Assert: one shared cursor, Go's reservations seen by ours (duplicate check, DEL)
        addresses.Should().Equal("10.10.0.2/24", "10.10.0.3/24", "10.10.0.4/24", "10.10.0.5/24", "10.10.0.6/24", "10.10.0.7/24");
        duplicate.ExitCode.Should().NotBe(0);
        dels.Should().OnlyContain(d => d.ExitCode == 0);
        _ours.Files().Should().Equal("last_reserved_ip.0", "last_reserved_ip.1", "lock");
    }

    private void RunAndCompare(string version)
    {
        // Arrange
        var goConfig = _go.Config(Ranges, version, ""","routes":[{"dst":"0.0.0.0/0"}]""").ToJsonString();
        var ourConfig = _ours.Config(Ranges, version, ""","routes":[{"dst":"0.0.0.0/0"}]""").ToJsonString();

        foreach (var step in Sequence)
        {
            // Act
            var env = PluginProcess.Env(step.Command, step.ContainerId, step.IfName, step.CniArgs);
            var go = ReferencePlugins.Run("host-local", env, goConfig);
            var ours = IpamBinary.Run(env, ourConfig);

            // Assert
            var because = $"{step} (go: {go.Stdout}{go.Stderr}; ours: {ours.Stdout}{ours.Stderr})";
            (ours.ExitCode == 0).Should().Be(go.ExitCode == 0, because);
            Observable(ours, step).Should().Be(Observable(go, step), because);
        }
        Layout(_ours).Should().Equal(Layout(_go));
    }

    /// <summary>
    /// What must agree: for results the addresses, gateways and routes in the version's shape; for errors the code
    /// and message (Go prints neither <c>cniVersion</c> nor <c>details</c>); for silent success nothing.
    /// </summary>
    private static string Observable(ProcessOutcome outcome, Step step)
    {
        if (outcome.ExitCode == 0)
            return outcome.Json is { } result ? $"{result["ips"]?.ToJsonString()} {result["routes"]?.ToJsonString()}" : "";
        var error = outcome.Json ?? new JsonObject();
        return step.SameErrorText ? $"{error["code"]} {error["msg"]}" : "error";
    }

    private static List<string> Layout(IpamScratch scratch) =>
        scratch.Files().Select(name =>
        {
            var path = Path.Combine(scratch.NetworkDir, name);
            return $"{name} {File.GetUnixFileMode(path)} {File.ReadAllText(path).ReplaceLineEndings("\\n")}";
        }).ToList();

    public void Dispose()
    {
        _go.Dispose();
        _ours.Dispose();
    }

    private sealed record Step(string Command, string ContainerId, string IfName = "eth0", string CniArgs = "", bool SameErrorText = true);
}
