using System.Text;
using CniTest.Harness.Invocation;

namespace CniTest.Schemas.Tests.Support;

/// <summary>A fake behind the executor seam: each plugin type answers from a script; no process is started.</summary>
internal sealed class ScriptedExecutor : IPluginExecutor, IDisposable
{
    private readonly Dictionary<string, Func<InvocationRequest, (int Exit, string Stdout)>> _plugins = new();

    /// <summary>The directory the fake plugins "live" in (empty files, so PluginLocator finds them).</summary>
    public string PluginDir { get; } = Directory.CreateTempSubdirectory("cnitest-schemas-fakebin-").FullName;

    public ScriptedExecutor Plugin(string type, Func<InvocationRequest, (int Exit, string Stdout)> script)
    {
        File.WriteAllText(Path.Combine(PluginDir, type), "");
        _plugins[type] = script;
        return this;
    }

    public Task<InvocationRecord> ExecuteAsync(string pluginPath, InvocationRequest request, CancellationToken cancellationToken = default)
    {
        var (exit, stdout) = _plugins[Path.GetFileName(pluginPath)](request);
        return Task.FromResult(new InvocationRecord
        {
            PluginPath = pluginPath,
            Command = request.Command,
            Environment = request.RenderCniVariables(),
            Stdin = request.Stdin,
            Stdout = Encoding.UTF8.GetBytes(stdout),
            Stderr = [],
            ExitCode = exit,
            Duration = TimeSpan.FromMilliseconds(1),
        });
    }

    public void Dispose() => Directory.Delete(PluginDir, recursive: true);
}
