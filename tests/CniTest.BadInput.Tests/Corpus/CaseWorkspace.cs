using System.Text.RegularExpressions;

namespace CniTest.BadInput.Tests.Corpus;

/// <summary>
/// A private directory for one case: NETCONFPATH with its config files, a plugin directory holding the canned
/// plugin, and a cache directory. Deleted on dispose. The canned plugin is a shell script that prints the files
/// written for the CNI command it is called with (canned.d/&lt;COMMAND&gt;.stdout, .stderr, .exit, .sleep) and
/// touches nothing else, so a case can feed cnitest any bytes a plugin could print, fast.
/// </summary>
public sealed class CaseWorkspace : IDisposable
{
    /// <summary>A namespace file that exists on every Linux machine. The canned plugin never enters it.</summary>
    public const string AnyNetns = "/proc/self/ns/net";

    private const string CannedScript = """
        #!/bin/sh
        # The bad-input corpus's canned plugin: prints what the case wrote for this CNI command, nothing more.
        d="$(dirname "$0")/canned.d"
        c="${CNI_COMMAND:-NONE}"
        cat >/dev/null
        [ -f "$d/$c.sleep" ] && sleep "$(cat "$d/$c.sleep")"
        [ -f "$d/$c.stderr" ] && cat "$d/$c.stderr" >&2
        [ -f "$d/$c.stdout" ] && cat "$d/$c.stdout"
        [ -f "$d/$c.exit" ] && exit "$(cat "$d/$c.exit")"
        exit 0
        """;

    private const string VersionReply = """{"cniVersion":"1.1.0","supportedVersions":["0.3.0","0.3.1","0.4.0","1.0.0","1.1.0"]}""";

    private const string AddResult = """{"cniVersion":"1.1.0","interfaces":[{"name":"eth0","sandbox":"/proc/self/ns/net"}],"ips":[{"address":"10.1.2.3/24","interface":0}]}""";

    // 1.1.0, so that status and gc reach the plugin too.
    private const string DefaultConflist = """{"cniVersion":"1.1.0","name":"mynet","plugins":[{"type":"canned"}]}""";

    public CaseWorkspace(BadInputCase c)
    {
        Dir = Directory.CreateTempSubdirectory("cnitest-bad-input-").FullName;
        Directory.CreateDirectory(NetConf);
        Directory.CreateDirectory(Path.Combine(Plugins, "canned.d"));
        Directory.CreateDirectory(Cache);
        WriteCannedPlugin(c);
        foreach (var config in c.Configs ?? [new FileContent { Name = "10-mynet.conflist", Text = DefaultConflist }])
        {
            File.WriteAllBytes(Path.Combine(NetConf, config.Name ?? throw new InvalidDataException($"{c.Id}: a config needs a name")),
                config.Bytes(Expand));
        }
    }

    public string Dir { get; }

    public string NetConf => Path.Combine(Dir, "net.d");

    public string Plugins => Path.Combine(Dir, "bin");

    public string Cache => Path.Combine(Dir, "cache");

    public string Canned => Path.Combine(Plugins, "canned");

    /// <summary>
    /// Replaces {dir}, {netconf}, {plugins}, {canned}, {cache} and {netns} with this workspace's paths, and
    /// {long:N} with N letters and {deep:N} with N nested JSON arrays.
    /// </summary>
    public string Expand(string text)
    {
        var expanded = text.Replace("{dir}", Dir, StringComparison.Ordinal)
            .Replace("{netconf}", NetConf, StringComparison.Ordinal)
            .Replace("{plugins}", Plugins, StringComparison.Ordinal)
            .Replace("{canned}", Canned, StringComparison.Ordinal)
            .Replace("{cache}", Cache, StringComparison.Ordinal)
            .Replace("{netns}", AnyNetns, StringComparison.Ordinal);
        expanded = Regex.Replace(expanded, @"\{long:(\d+)\}", m => new string('a', Count(m)));
        return Regex.Replace(expanded, @"\{deep:(\d+)\}", m => new string('[', Count(m)) + new string(']', Count(m)));

        static int Count(Match m) => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The environment cnitest gets: workspace defaults overlaid by the case's own.</summary>
    public Dictionary<string, string> Environment(BadInputCase c)
    {
        var env = new Dictionary<string, string>
        {
            ["NETCONFPATH"] = NetConf,
            ["CNI_PATH"] = Plugins,
            ["CNITEST_CACHE_DIR"] = Cache,
            ["HOME"] = Dir,
        };
        foreach (var (k, v) in c.Env)
        {
            if (v is null)
            {
                env.Remove(k);
            }
            else
            {
                env[k] = Expand(v);
            }
        }

        return env;
    }

    private void WriteCannedPlugin(BadInputCase c)
    {
        File.WriteAllText(Canned, CannedScript.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(Canned, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var outputs = new Dictionary<string, CannedOutput>(c.Plugin);
        outputs.TryAdd("VERSION", new CannedOutput { Stdout = new FileContent { Text = VersionReply } });
        outputs.TryAdd("ADD", new CannedOutput { Stdout = new FileContent { Text = AddResult } });
        var dir = Path.Combine(Plugins, "canned.d");
        foreach (var (command, output) in outputs)
        {
            if (output.Stdout is { } stdout)
            {
                File.WriteAllBytes(Path.Combine(dir, command + ".stdout"), stdout.Bytes(Expand));
            }

            if (output.Stderr is { } stderr)
            {
                File.WriteAllBytes(Path.Combine(dir, command + ".stderr"), stderr.Bytes(Expand));
            }

            if (output.ExitCode != 0)
            {
                File.WriteAllText(Path.Combine(dir, command + ".exit"), output.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (output.SleepSeconds > 0)
            {
                File.WriteAllText(Path.Combine(dir, command + ".sleep"), output.SleepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // A killed plugin's sleep may hold a file for a moment; the temp dir is private, leaving it is harmless.
        }
    }
}
