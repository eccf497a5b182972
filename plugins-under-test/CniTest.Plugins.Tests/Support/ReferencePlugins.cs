namespace CniTest.Plugins.Tests.Support;

/// <summary>Debian's containernetworking-plugins, each run in a throw-away network namespace.</summary>
public static class ReferencePlugins
{
    /// <summary>
    /// Runs reference plugin <paramref name="type"/> in a fresh network namespace that dies with it (<c>unshare --net</c>;
    /// the machine's own namespace is never the plugin's). Tests doing this need <see cref="PrivilegedFactAttribute"/>.
    /// </summary>
    public static ProcessOutcome Run(string type, IReadOnlyDictionary<string, string> env, string stdin) =>
        PluginProcess.Run("/usr/bin/unshare", ["--net", "--", Path.Combine(Privileges.ReferencePluginDir, type)], env, stdin);
}
