using System.Text;
using CniTest.Harness.Config;
using CniTest.Harness.Operations;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Plugins.Tests.Bridge.Support;

/// <summary>
/// What our bridge's lifecycle tests add to the product's <see cref="FakeHost"/>: where the bridge binary is, and a
/// runtime that runs it (and its IPAM) in the fake host.
/// </summary>
public static class BridgeRuntime
{
    /// <summary>
    /// Where cnitest-bridge is: CNITEST_BRIDGE_DIR (e.g. the NativeAOT publish folder) or this test's output
    /// folder, which holds the JIT build of the plugin (its apphost is named cnitest-bridge).
    /// </summary>
    public static string PluginDir =>
        Environment.GetEnvironmentVariable("CNITEST_BRIDGE_DIR") is { Length: > 0 } dir ? dir : AppContext.BaseDirectory;

    /// <summary>
    /// A runtime whose plugins run in <paramref name="host"/> and that finds cnitest-bridge, then cnitest-ipam (built
    /// next to these tests), then the reference plugins, then <paramref name="extraPath"/>; with a result cache in the
    /// host's <see cref="FakeHost.CacheDir"/> when <paramref name="cache"/>.
    /// </summary>
    public static CniRuntime Runtime(this FakeHost host, bool cache = true, params string[] extraPath) => new(new RuntimeOptions
    {
        PluginPath = [PluginDir, AppContext.BaseDirectory, Privileges.ReferencePluginDir, .. extraPath],
        Executor = host.CreateExecutor(TestHosts.PluginTimeout),
        CacheDirectory = cache ? host.CacheDir : null,
    });

    /// <summary>A single network configuration (the natural form at every version) as a list.</summary>
    public static NetworkConfigList Conf(string json) => ConfigParser.FromSingleConf(Encoding.UTF8.GetBytes(json));
}
