using System.Text.Json;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Recording;

/// <summary>
/// A recording directory being written (<c>--record DIR</c>): one folder per check (or CLI command) holding one file
/// per step, and <c>index.json</c>, rewritten each time a check finishes so that an interrupted run still leaves a
/// usable recording. Thread-safe: checks running at once each have their own <see cref="CheckRecorder"/>.
/// </summary>
public sealed class Recorder
{
    private readonly RecordIndex _index;
    private readonly Lock _lock = new();

    private Recorder(string dir, Redactor redactor, RecordIndex index)
    {
        Dir = dir;
        Redactor = redactor;
        _index = index;
    }

    /// <summary>The recording directory (absolute).</summary>
    public string Dir { get; }

    /// <summary>What is masked (<c>--redact</c>).</summary>
    public Redactor Redactor { get; }

    /// <summary>
    /// Opens <paramref name="dir"/> for a recording. <c>run</c> needs it new or empty (<paramref name="append"/>
    /// false), so a replay never mixes two runs; the CLI commands add to an existing recording.
    /// </summary>
    /// <exception cref="EnvironmentProblemException">The directory cannot hold this recording.</exception>
    public static Recorder Open(string dir, IReadOnlyList<string> redact, bool append)
    {
        var index = new RecordIndex();
        var indexPath = Path.Combine(dir, RecordIndex.FileName);
        if (File.Exists(dir))
        {
            throw new EnvironmentProblemException($"--record {dir}: is a file, not a directory");
        }

        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            if (!append)
            {
                throw new EnvironmentProblemException($"--record {dir}: the directory is not empty; give a new or empty one");
            }

            index = RecordingSet.ReadIndex(dir) ?? throw new EnvironmentProblemException(
                $"--record {dir}: the directory is not empty and holds no {RecordIndex.FileName} of a cnitest recording");
        }

        Directory.CreateDirectory(dir);
        var recorder = new Recorder(dir, new Redactor(redact), index);
        if (!File.Exists(indexPath))
        {
            recorder.WriteIndex();
        }

        return recorder;
    }

    /// <summary>The recording key of a planned check: its id, with <c>@version</c> when it runs per version.</summary>
    public static string KeyOf(PlannedCheck check) => KeyOf(check.Definition.Id, check.ReportVersion);

    /// <summary>The recording key of check <paramref name="id"/> run at <paramref name="version"/> (null: version-independent).</summary>
    public static string KeyOf(string id, string? version) => version is null ? id : $"{id}@{version}";

    /// <summary>The command that replays the check or command recorded as <paramref name="key"/>.</summary>
    public string ReplayCommandFor(string key) => $"cnitest replay {Dir} --check {key}";

    /// <summary>Starts the recording of a check of <c>run</c>.</summary>
    public CheckRecorder ForCheck(PlannedCheck check, RunPlan plan, int attempt = 1)
    {
        // A rerun (--retries) is recorded beside the first attempt, under its own key, so each stays replayable.
        var key = attempt == 1 ? KeyOf(check) : $"{KeyOf(check)}~{attempt}";
        return Begin(new RecordIndexEntry
        {
            Check = key,
            CheckId = check.Definition.Id,
            CniVersion = check.ReportVersion,
            Source = "run",
            Plugin = plan.PluginPath,
            Replay = ReplayCommandFor(key),
            Redacted = Redactor.Keys,
        }, plan.PluginPath, (bool?)(plan.Role == Model.PluginRole.Ipam), HostProfiles.Name(plan.Options.HostProfile));
    }

    /// <summary>Starts the recording of one CLI command (<c>add</c>, <c>del</c>, …), keyed <c>cli-NNN-command</c>.</summary>
    public CheckRecorder ForCliCommand(string command)
    {
        lock (_lock)
        {
            var n = _index.Checks.Count(c => c.CheckId is null) + 1;
            var key = $"cli-{n:D3}-{command}";
            return Begin(new RecordIndexEntry
            {
                Check = key,
                Source = command,
                Replay = ReplayCommandFor(key),
                Redacted = Redactor.Keys,
            }, subjectPath: null, delegatedIpam: null, hostProfile: "plain");
        }
    }

    private CheckRecorder Begin(RecordIndexEntry entry, string? subjectPath, bool? delegatedIpam, string hostProfile)
    {
        lock (_lock)
        {
            if (_index.Checks.Any(c => c.Check == entry.Check))
            {
                throw new EnvironmentProblemException($"--record {Dir}: {entry.Check} is recorded there already");
            }

            _index.Checks.Add(entry);
        }

        Directory.CreateDirectory(Path.Combine(Dir, entry.Check));
        return new CheckRecorder(this, entry, subjectPath, delegatedIpam, hostProfile);
    }

    /// <summary>Writes a step file and lists it in the index entry.</summary>
    internal void Write(RecordIndexEntry entry, RecordedStep step)
    {
        var suffix = step.Call is { } c ? $"{c.Command.ToLowerInvariant()}-{Safe(c.PluginType)}" : step.Action!.Kind;
        var file = Path.Combine(entry.Check, $"{step.Step:D3}-{suffix}.json");
        File.WriteAllText(Path.Combine(Dir, file), JsonSerializer.Serialize(step, RecordingJson.Step) + "\n");
        lock (_lock)
        {
            entry.Steps.Add(new RecordIndexStep(step.Step, file, step.Kind, step.Call?.Command ?? step.Action!.Kind,
                step.Call?.PluginType, step.Call?.Verdict.Outcome));
            entry.Steps.Sort((a, b) => a.Step.CompareTo(b.Step));
        }
    }

    /// <summary>Notes a check's outcome and rewrites the index.</summary>
    internal void Completed(RecordIndexEntry entry, string outcome)
    {
        lock (_lock)
        {
            entry.Outcome = outcome;
        }

        WriteIndex();
    }

    private void WriteIndex()
    {
        lock (_lock)
        {
            var path = Path.Combine(Dir, RecordIndex.FileName);
            var tmp = path + ".tmp";
            File.WriteAllText(tmp, JsonSerializer.Serialize(_index, RecordingJson.Index) + "\n");
            File.Move(tmp, path, overwrite: true);
        }
    }

    private static string Safe(string name) => new([.. name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_')]);
}
