using System.Text;
using CniTest.Harness.Config;
using CniTest.Harness.Operations;

namespace CniTest.Plugins.Tests.Bridge.Support;

/// <summary>
/// The shared <see cref="FakeHost"/> (fake host and container namespaces under a private temp directory, removed on
/// Dispose) plus what our bridge's tests need: where the bridge binary is, and a runtime that finds it.
/// </summary>
public sealed class BridgeHost() : FakeHost("cnitest-br-")
{
    /// <summary>
    /// Where cnitest-bridge is: CNITEST_BRIDGE_DIR (e.g. the NativeAOT publish folder) or this test's output
    /// folder, which holds the JIT build of the plugin (its apphost is named cnitest-bridge).
    /// </summary>
    public static string PluginDir =>
        Environment.GetEnvironmentVariable("CNITEST_BRIDGE_DIR") is { Length: > 0 } dir ? dir : AppContext.BaseDirectory;

    /// <summary>
    /// A runtime that finds cnitest-bridge, then cnitest-ipam (built next to these tests), then the reference
    /// plugins, then <paramref name="extraPath"/>.
    /// </summary>
    public CniRuntime Runtime(bool cache = true, params string[] extraPath) => new(new RuntimeOptions
    {
        PluginPath = [PluginDir, AppContext.BaseDirectory, Privileges.ReferencePluginDir, .. extraPath],
        Executor = Executor,
        CacheDirectory = cache ? CacheDir : null,
    });

    /// <summary>A single network configuration (the natural form at every version) as a list.</summary>
    public static NetworkConfigList Conf(string json) => ConfigParser.FromSingleConf(Encoding.UTF8.GetBytes(json));
}
