using CniTest.BrokenPlugins.Tests.Support;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Harness.Sandbox;

namespace CniTest.BrokenPlugins.Tests.Probes;

/// <summary>
/// What a plugin leaves running (P73–P75), seen straight in /proc, not through cnitest's judging: the processes whose
/// environment carries this attachment's <c>CNI_NETNS</c> (a plugin's children inherit it, R23; the path is unique to
/// this lab). The lab's fake host kills them on dispose.
/// </summary>
public static class ProcessProbes
{
    /// <summary>P74: after ADD and DEL, no process of the attachment runs.</summary>
    public static async Task<Evidence> DaemonLeft(Lab lab, string plugin)
    {
        var (conf, a, del) = await AddThenDelAsync(lab, plugin);
        var left = Of(a);
        return Evidence.When(del.Succeeded && left.Count > 0, $"after DEL still running: [{string.Join("; ", left)}]");
    }

    /// <summary>P73: once ADD has returned, no process of the attachment holds a pipe as its stdout or stderr.</summary>
    public static async Task<Evidence> HoldsStdout(Lab lab, string plugin)
    {
        var conf = lab.InterfaceConf(plugin);
        var (_, a) = lab.NewAttachment();
        await DelProbes.Added(lab, plugin, conf, a);
        var holders = Of(a).Where(p => StdoutOrStderrIsPipe(p.Pid)).ToList();
        await lab.CallAsync(plugin, CniCommand.Del, conf, a);
        return Evidence.When(holders.Count > 0, $"after ADD returned, holding a pipe as stdout/stderr: [{string.Join("; ", holders)}]");
    }

    /// <summary>P75: after ADD, DEL and the namespace's removal, no process runs inside the container's namespace.</summary>
    public static async Task<Evidence> PinsNetns(Lab lab, string plugin)
    {
        var conf = lab.InterfaceConf(plugin);
        var (sandbox, a) = lab.NewAttachment();
        var netns = sandbox.KernelName!;
        await DelProbes.Added(lab, plugin, conf, a);
        var del = await lab.CallAsync(plugin, CniCommand.Del, conf, a);
        sandbox.Dispose();
        var pinning = Of(a).Where(p => p.Pins(netns)).ToList();
        return Evidence.When(del.Succeeded && pinning.Count > 0, $"{netns} kept alive after DEL and removal by: [{string.Join("; ", pinning)}]");
    }

    private static async Task<(string Conf, RuntimeConf A, InvocationRecord Del)> AddThenDelAsync(Lab lab, string plugin)
    {
        var conf = lab.InterfaceConf(plugin);
        var (_, a) = lab.NewAttachment();
        await DelProbes.Added(lab, plugin, conf, a);
        return (conf, a, await lab.CallAsync(plugin, CniCommand.Del, conf, a));
    }

    /// <summary>Live processes whose environment names this attachment's namespace (its plugin's descendants).</summary>
    private static List<TrackedProcess> Of(RuntimeConf a)
    {
        var marker = $"CNI_NETNS={a.Netns}\0";
        var found = new List<TrackedProcess>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "environ")).Contains(marker, StringComparison.Ordinal) && TrackedProcess.Read(pid) is { } p)
                {
                    found.Add(p);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone, or a kernel thread
            }
        }

        return found;
    }

    private static bool StdoutOrStderrIsPipe(int pid) =>
        new[] { 1, 2 }.Any(fd => (Link($"/proc/{pid}/fd/{fd}") ?? "").StartsWith("pipe:", StringComparison.Ordinal));

    private static string? Link(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
