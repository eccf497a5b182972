using System.Text;
using CniTest.Harness.Config;
using CniTest.Harness.Operations;
using CniTest.Harness.Tests.Support;

namespace CniTest.Harness.Tests.Operations;

/// <summary>A runtime over the recording fake with a private cache directory.</summary>
public sealed class RuntimeFixture : IDisposable
{
    public RuntimeFixture(bool delContinuesOnError = false)
    {
        CacheDir = Directory.CreateTempSubdirectory("cnitest-rt-").FullName;
        Runtime = new CniRuntime(new RuntimeOptions
        {
            PluginPath = [Executor.PluginDir],
            Executor = Executor,
            CacheDirectory = CacheDir,
            DelContinuesOnError = delContinuesOnError,
        });
    }

    public RecordingExecutor Executor { get; } = new();
    public string CacheDir { get; }
    public CniRuntime Runtime { get; }
    public RuntimeConf Rt { get; } = new("ctr1", "/run/netns/ctr1", "eth0");

    public static NetworkConfigList List(string json) => ConfigParser.ParseList(Encoding.UTF8.GetBytes(json));

    public static NetworkConfigList Chain(string version, params string[] types) => List(
        $$"""{"cniVersion":"{{version}}","name":"net1","plugins":[{{string.Join(",", types.Select(t => $$"""{"type":"{{t}}"}"""))}}]}""");

    public string CachePath => Path.Combine(CacheDir, "results", "net1-ctr1-eth0");

    public void Dispose()
    {
        Directory.Delete(CacheDir, true);
        Executor.Dispose();
    }
}
