using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;

namespace CniTest.TestSupport;

/// <summary>
/// The recording fake behind the executor seam (STYLE example 2; Go's <c>invoke/fakes</c>): records every call
/// and answers from a per-plugin script. No process is started. Disposing it deletes <see cref="PluginDir"/>.
/// </summary>
public sealed class RecordingExecutor : IPluginExecutor, IDisposable
{
    private readonly ConcurrentDictionary<string, Func<InvocationRequest, Reply>> _plugins = new();
    private readonly ConcurrentQueue<Call> _calls = new();

    public sealed record Reply(int ExitCode = 0, string Stdout = "", string Stderr = "", bool TimedOut = false, int? Signal = null);

    public sealed record Call(string Plugin, InvocationRequest Request)
    {
        public string Command => Request.Command;
        public JsonObject Stdin => (JsonObject)JsonNode.Parse(Request.Stdin)!;
    }

    public IReadOnlyList<Call> Calls => _calls.ToList();

    /// <summary>The plugin directory the fake pretends to have; create the files so PluginLocator finds them.</summary>
    public string PluginDir { get; } = Directory.CreateTempSubdirectory("cnitest-fakebin-").FullName;

    public RecordingExecutor Plugin(string type, Func<InvocationRequest, Reply> handler)
    {
        File.WriteAllText(Path.Combine(PluginDir, type), "");
        _plugins[type] = handler;
        return this;
    }

    /// <summary>A plugin that succeeds; ADD prints <paramref name="addResult"/> (default: a 1.0.0 result with one IP).</summary>
    public RecordingExecutor Succeeding(string type, string? addResult = null) => Plugin(type, r => r.Command switch
    {
        CniCommand.Add => new Reply(0, addResult ?? DefaultResult(type, (JsonObject)JsonNode.Parse(r.Stdin)!)),
        CniCommand.Version => new Reply(0, """{"cniVersion":"1.1.0","supportedVersions":["0.3.1","0.4.0","1.0.0","1.1.0"]}"""),
        _ => new Reply(),
    });

    public Task<InvocationRecord> ExecuteAsync(string pluginPath, InvocationRequest request, CancellationToken cancellationToken = default)
    {
        var type = Path.GetFileName(pluginPath);
        _calls.Enqueue(new Call(type, request));
        var reply = _plugins[type](request);
        return Task.FromResult(new InvocationRecord
        {
            PluginPath = pluginPath,
            Command = request.Command,
            Environment = request.RenderCniVariables(),
            Stdin = request.Stdin,
            Stdout = Encoding.UTF8.GetBytes(reply.Stdout),
            Stderr = Encoding.UTF8.GetBytes(reply.Stderr),
            ExitCode = reply.ExitCode,
            Signal = reply.Signal,
            TimedOut = reply.TimedOut,
            Duration = TimeSpan.FromMilliseconds(1),
        });
    }

    private static string DefaultResult(string type, JsonObject stdin)
    {
        // Passes prevResult on (P21) and adds nothing, or answers a first result if there is none.
        if (stdin["prevResult"] is JsonObject prev)
        {
            return prev.ToJsonString();
        }

        var version = stdin["cniVersion"]!.GetValue<string>();
        return $$"""{"cniVersion":"{{version}}","interfaces":[{"name":"eth0","sandbox":"/ns"}],"ips":[{"address":"10.1.0.2/24","interface":0}]}""";
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(PluginDir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
