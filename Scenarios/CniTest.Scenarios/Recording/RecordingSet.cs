using System.Text.Json;

namespace CniTest.Scenarios.Recording;

/// <summary>Reads a recording back: its index, the steps of one check in order, or a single step file.</summary>
public static class RecordingSet
{
    /// <summary>The index of <paramref name="dir"/>; null when it has none or it is not a cnitest recording's.</summary>
    public static RecordIndex? ReadIndex(string dir)
    {
        var path = Path.Combine(dir, RecordIndex.FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var index = JsonSerializer.Deserialize(File.ReadAllText(path), RecordingJson.Index);
            return index?.Format == RecordIndex.FormatTag ? index : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The steps of the check recorded as <paramref name="check"/> in <paramref name="dir"/>: a recording key
    /// (<c>del.twice@1.1.0</c>) or a check id recorded at one version only (<c>del.twice</c>).
    /// </summary>
    /// <exception cref="EnvironmentProblemException">No such recording or check, or a step file cannot be read.</exception>
    public static (RecordIndexEntry Entry, IReadOnlyList<RecordedStep> Steps) LoadCheck(string dir, string check)
    {
        if (!Directory.Exists(dir))
        {
            throw new EnvironmentProblemException($"no recording at {dir}: the directory does not exist");
        }

        var index = ReadIndex(dir) ?? throw new EnvironmentProblemException($"no recording at {dir}: it has no {RecordIndex.FileName} written by cnitest --record");
        var matches = index.Checks.Where(c => c.Check == check).ToList();
        if (matches.Count == 0)
        {
            matches = [.. index.Checks.Where(c => c.CheckId == check)];
        }

        if (matches.Count != 1)
        {
            var keys = (matches.Count > 1 ? matches : index.Checks).Select(c => c.Check).ToList();
            var shown = string.Join(", ", keys.Take(12)) + (keys.Count > 12 ? $", … ({keys.Count} in all)" : "");
            throw new EnvironmentProblemException(matches.Count > 1
                ? $"check '{check}' was recorded at several versions in {dir}; name one: {shown}"
                : $"no check '{check}' in the recording {dir}; recorded: {(keys.Count == 0 ? "none" : shown)}");
        }

        var entry = matches[0];
        return (entry, [.. entry.Steps.OrderBy(s => s.Step).Select(s => LoadStep(Path.Combine(dir, s.File)))]);
    }

    /// <summary>One step file.</summary>
    /// <exception cref="EnvironmentProblemException">It does not exist or is not a step file.</exception>
    public static RecordedStep LoadStep(string file)
    {
        if (!File.Exists(file))
        {
            throw new EnvironmentProblemException($"no recorded step at {file}");
        }

        try
        {
            var step = JsonSerializer.Deserialize(File.ReadAllText(file), RecordingJson.Step);
            if (step?.Format == RecordedStep.FormatTag && (step.Call is not null || step.Action is not null))
            {
                return step;
            }
        }
        catch (JsonException)
        {
        }

        throw new EnvironmentProblemException($"{file} is not a step file of a cnitest recording ({RecordedStep.FormatTag})");
    }
}
