using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace CniTest.TestSupport;

/// <summary>
/// What a <c>--sandbox docker</c> run must leave as it found it beyond the network (issue 11): the Docker daemon
/// processes running on the machine, and the containers of a Docker engine that was already there (on
/// <c>DOCKER_HOST</c> or the default socket), if any. Read-only.
/// </summary>
/// <remarks>
/// Other programs (another cnitest run, a system Docker) may start daemons meanwhile on a shared machine, so a new
/// process counts only when it is cnitest's: it names a cnitest run directory (every private dockerd, containerd and
/// shim is given one; a sandbox's processes have their root in one) that no other live run owns.
/// </remarks>
public sealed partial class DockerState
{
    private static readonly string[] DaemonPrograms = ["dockerd", "containerd", "containerd-shim", "containerd-shim-runc-v2"];

    private DockerState(IReadOnlySet<string> daemons, IReadOnlySet<string>? containers)
    {
        Daemons = daemons;
        Containers = containers;
    }

    /// <summary>Running dockerd, containerd and shim processes, and processes whose root is in a cnitest run directory, as "pid command line (root)".</summary>
    public IReadOnlySet<string> Daemons { get; }

    /// <summary>A pre-existing engine's containers ("id state image"); null when no engine answers.</summary>
    public IReadOnlySet<string>? Containers { get; }

    public static async Task<DockerState> TakeAsync(CancellationToken ct = default) => new(DaemonProcesses(), await ContainersAsync(ct));

    /// <summary>What changed since <paramref name="before"/>; empty when nothing.</summary>
    public IReadOnlyList<string> ChangesSince(DockerState before)
    {
        var changes = Daemons.Except(before.Daemons).Where(IsOfThisRun).Select(p => $"process left running: {p}").ToList();
        if (before.Containers is not null)
        {
            changes.AddRange((Containers ?? new HashSet<string>()).Except(before.Containers).Select(c => $"the engine's containers gained: {c}"));
            changes.AddRange(before.Containers.Except(Containers ?? new HashSet<string>()).Select(c => $"the engine's containers lost: {c}"));
        }

        return changes;
    }

    private static HashSet<string> DaemonProcesses()
    {
        var found = new HashSet<string>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out _))
            {
                continue;
            }

            try
            {
                var argv = File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                var root = new FileInfo(Path.Combine(entry, "root")).LinkTarget ?? "";
                if ((argv.Length > 0 && DaemonPrograms.Contains(Path.GetFileName(argv[0]))) || root.Contains(RunDirMark, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(entry)} {string.Join(' ', argv)} (root {root})");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    private const string RunDirMark = "/cnitest-run-";

    private static bool IsOfThisRun(string process) =>
        RunDir().Match(process) is { Success: true } m && Scenarios.Sandbox.RunDirectory.LiveOwner(m.Value) is null;

    [GeneratedRegex(@"(?:/[\w.-]+)*/cnitest-run-[A-Za-z0-9]+")]
    private static partial Regex RunDir();

    private static async Task<IReadOnlySet<string>?> ContainersAsync(CancellationToken ct)
    {
        var endpoint = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";
        if (endpoint.StartsWith("unix://", StringComparison.Ordinal) && !File.Exists(endpoint["unix://".Length..]))
        {
            return null;
        }

        try
        {
            using var client = new DockerClientBuilder().WithEndpoint(new Uri(endpoint)).WithTimeout(TimeSpan.FromSeconds(10)).Build();
            var list = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct);
            return list.Select(c => $"{c.ID} {c.State} {c.Image}").ToHashSet();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException or TimeoutException)
        {
            return null;
        }
    }
}
