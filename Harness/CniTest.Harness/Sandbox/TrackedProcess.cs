using System.Globalization;

namespace CniTest.Harness.Sandbox;

/// <summary>
/// One process found in a <see cref="ProcessCgroup"/>: what a report names it by, and what it holds open (pipes,
/// namespaces), read from <c>/proc</c> at one moment.
/// </summary>
public sealed record TrackedProcess
{
    /// <summary>The process id (in the machine's PID namespace: cnitest never gives plugins another).</summary>
    public required int Pid { get; init; }

    /// <summary>Start time in clock ticks since boot (<c>/proc/PID/stat</c> field 22): with the pid, its identity.</summary>
    public required ulong StartTicks { get; init; }

    /// <summary>The command name (<c>/proc/PID/comm</c>).</summary>
    public required string Comm { get; init; }

    /// <summary>The command line, arguments separated by spaces.</summary>
    public required string CommandLine { get; init; }

    /// <summary>Its network namespace as the kernel names it (<c>net:[INODE]</c>).</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>The targets of its open file descriptors (<c>pipe:[INODE]</c>, <c>net:[INODE]</c>, paths).</summary>
    public IReadOnlyList<string> OpenFiles { get; init; } = [];

    /// <summary>True when one of its file descriptors is <paramref name="target"/> (e.g. <c>pipe:[123]</c>).</summary>
    public bool Holds(string target) => OpenFiles.Contains(target, StringComparer.Ordinal);

    /// <summary>True when it runs in, or holds a descriptor of, the network namespace <paramref name="netns"/> (<c>net:[INODE]</c>).</summary>
    public bool Pins(string netns) => NetworkNamespace == netns || Holds(netns);

    /// <summary>"pid 123 (dnsmasq: dnsmasq -u root --conf-file=…)", the way reports name a process.</summary>
    public override string ToString() => $"pid {Pid} ({Comm}: {CommandLine})";

    /// <summary>Reads process <paramref name="pid"/>; null when it is gone.</summary>
    public static TrackedProcess? Read(int pid)
    {
        var dir = $"/proc/{pid}";
        try
        {
            var stat = File.ReadAllText($"{dir}/stat");
            // comm may contain spaces and parentheses: the fields after it start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cmdline = File.ReadAllText($"{dir}/cmdline").TrimEnd('\0').Replace('\0', ' ');
            return new TrackedProcess
            {
                Pid = pid,
                StartTicks = ulong.Parse(fields[19], CultureInfo.InvariantCulture),
                Comm = File.ReadAllText($"{dir}/comm").TrimEnd('\n'),
                CommandLine = cmdline,
                NetworkNamespace = Link($"{dir}/ns/net"),
                OpenFiles = OpenFilesOf(dir),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // exited while being read
        }
    }

    /// <summary>The kernel's name of what descriptor <paramref name="fd"/> of this process refers to (<c>pipe:[INODE]</c>).</summary>
    public static string? DescriptorTarget(int fd) => Link($"/proc/self/fd/{fd}");

    private static List<string> OpenFilesOf(string dir)
    {
        var found = new List<string>();
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"{dir}/fd"))
            {
                if (Link(fd) is { } target)
                {
                    found.Add(target);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return found;
    }

    private static string? Link(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
