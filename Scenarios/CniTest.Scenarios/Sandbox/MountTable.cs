using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Sandbox;

/// <summary>Reads this process's mount table and removes directory trees that still have mounts inside.</summary>
internal static class MountTable
{
    /// <summary>Mount points at or below <paramref name="dir"/>, deepest first (from /proc/self/mountinfo).</summary>
    public static IReadOnlyList<string> MountsUnder(string dir)
    {
        var prefix = Path.GetFullPath(dir).TrimEnd('/');
        var found = new List<string>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length < 5)
            {
                continue;
            }

            var target = Unescape(fields[4]);
            if (target == prefix || target.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                found.Add(target);
            }
        }

        return [.. found.Distinct().OrderByDescending(p => p.Count(c => c == '/')).ThenByDescending(p => p.Length)];
    }

    /// <summary>
    /// Lazily unmounts everything below <paramref name="dir"/> (netns pins, the shared pin directory, a mount
    /// namespace pin), then deletes the tree. Tolerant of a tree that is already gone.
    /// </summary>
    public static void RemoveTree(string dir)
    {
        if (!Directory.Exists(dir))
        {
            return;
        }

        UnmountAll(dir);
        Delete(() => Directory.Delete(dir, recursive: true));
    }

    /// <summary>Lazily unmounts everything at or below <paramref name="dir"/>, deepest first.</summary>
    public static void UnmountAll(string dir)
    {
        // Stacked mounts show up once per layer; a few rounds peel them all.
        for (var round = 0; round < 4; round++)
        {
            var mounts = MountsUnder(dir);
            if (mounts.Count == 0)
            {
                break;
            }

            foreach (var m in mounts)
            {
                Mounts.DetachUnmount(m);
            }
        }
    }

    /// <summary>Runs one deletion; a file or tree that cannot go yet stays for the next run's stale sweep.</summary>
    public static void Delete(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Something still holds a file for a moment (a dying plugin); the next run's stale sweep removes it.
        }
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo.
    private static string Unescape(string s)
    {
        if (!s.Contains('\\'))
        {
            return s;
        }

        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 3 < s.Length)
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                sb.Append(s[i]);
            }
        }

        return sb.ToString();
    }
}
