using System.Runtime.CompilerServices;
using Xunit;

namespace CniTest.Plugins.Tests.Support;

/// <summary>
/// A test that runs one of Debian's reference plugins. It needs root, because the reference plugin is only ever run
/// inside a network namespace the test made (<c>unshare --net</c>; HELPER-COMMON "the host is sacred"), and the
/// plugin in /usr/lib/cni. Skips with the reason otherwise; under CI (CI=true) it always runs, so a missing
/// prerequisite fails loudly (STYLE example 15c).
/// </summary>
public sealed class ReferencePluginFactAttribute : FactAttribute
{
    public ReferencePluginFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        Skip = ReferencePlugins.SkipReason;
        SkipUnless = nameof(ReferencePlugins.CanRun);
        SkipType = typeof(ReferencePlugins);
    }
}

/// <summary>Debian's containernetworking-plugins, run in a throw-away network namespace.</summary>
public static class ReferencePlugins
{
    public const string Directory = "/usr/lib/cni";

    public static bool CanRun =>
        Environment.GetEnvironmentVariable("CI") == "true"
        || (Environment.UserName == "root" && File.Exists(Path.Combine(Directory, "host-local")) && File.Exists("/usr/bin/unshare"));

    public static string SkipReason => "needs root and Debian's containernetworking-plugins in /usr/lib/cni (apt-get install containernetworking-plugins)";

    /// <summary>Runs reference plugin <paramref name="type"/> in a fresh network namespace that dies with it.</summary>
    public static ProcessOutcome Run(string type, IReadOnlyDictionary<string, string> env, string stdin) =>
        PluginProcess.Run("/usr/bin/unshare", ["--net", "--", Path.Combine(Directory, type)], env, stdin);
}
