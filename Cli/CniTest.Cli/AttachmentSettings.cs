using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;

namespace CniTest.Cli;

/// <summary>Resolves flags and cnitool's environment variables into runtime settings (checklist §4.1).</summary>
internal sealed class AttachmentSettings
{
    public required string NetConfPath { get; init; }
    public required IReadOnlyList<string> PluginPath { get; init; }
    public required string IfName { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> CniArgs { get; init; }
    public required IReadOnlyDictionary<string, JsonNode?> CapabilityArgs { get; init; }
    public required string CacheDir { get; init; }
    public string? ContainerId { get; init; }
    public TimeSpan? Timeout { get; init; }
    public string? HostNetns { get; init; }

    public static AttachmentSettings Resolve(ParseResult parse, CommonOptions o, CliContext ctx)
    {
        var cniPath = parse.GetValue(o.CniPath) ?? ctx.Env("CNI_PATH");
        var paths = PluginLocator.SplitPath(cniPath);
        if (paths.Count == 0)
        {
            throw new UsageException("no plugin path: set CNI_PATH or --cni-path (Debian's plugins are in /usr/lib/cni)");
        }

        var timeout = parse.GetValue(o.Timeout) is { } seconds ? TimeoutOption.ToTimeSpan(seconds) : (TimeSpan?)null;
        var cacheDir = ctx.FullPath(parse.GetValue(o.CacheDir) ?? ctx.Env("CNITEST_CACHE_DIR") ?? DefaultCacheDir(ctx));
        if (File.Exists(cacheDir))
        {
            throw new UsageException($"cache directory {cacheDir} is a file");
        }

        return new AttachmentSettings
        {
            NetConfPath = ctx.FullPath(parse.GetValue(o.NetConfPath) ?? ctx.Env("NETCONFPATH") ?? "/etc/cni/net.d"),
            PluginPath = paths.Select(ctx.FullPath).ToList(),
            IfName = parse.GetValue(o.IfName) ?? ctx.Env("CNI_IFNAME") ?? "eth0",
            CniArgs = ParseCniArgs(parse.GetValue(o.CniArgs) ?? ctx.Env("CNI_ARGS")),
            CapabilityArgs = ParseCapArgs(parse.GetValue(o.CapArgs) ?? ctx.Env("CAP_ARGS")),
            CacheDir = cacheDir,
            ContainerId = parse.GetValue(o.ContainerId),
            Timeout = timeout,
            HostNetns = parse.GetValue(o.HostNetns) is { } h ? ctx.FullPath(h) : null,
        };
    }

    public CniRuntime CreateRuntime(CliContext ctx, IReadOnlyList<IInvocationObserver> observers) => new(new RuntimeOptions
    {
        PluginPath = PluginPath,
        CacheDirectory = CacheDir,
        Timeout = Timeout,
        Observers = observers,
        Executor = ctx.Executor ?? new ProcessPluginExecutor(HostNetns),
    });

    /// <summary>cnitool's rule: every pair has exactly one '=' with a non-empty key and value.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ParseCniArgs(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in value.Split(';'))
        {
            var kv = pair.Split('=');
            if (kv.Length != 2 || kv[0].Length == 0 || kv[1].Length == 0)
            {
                throw new UsageException($"invalid CNI_ARGS pair \"{pair}\" (expected K=V;K2=V2)");
            }

            pairs.Add(KeyValuePair.Create(kv[0], kv[1]));
        }

        return pairs;
    }

    internal static IReadOnlyDictionary<string, JsonNode?> ParseCapArgs(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new Dictionary<string, JsonNode?>();
        }

        try
        {
            // A duplicate key would otherwise throw ArgumentException when the object is read (an internal error).
            if (JsonNode.Parse(value, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) is JsonObject o)
            {
                return o.ToDictionary(p => p.Key, p => p.Value?.DeepClone());
            }
        }
        catch (JsonException e)
        {
            throw new UsageException($"CAP_ARGS is not valid JSON: {e.Message}");
        }

        throw new UsageException("CAP_ARGS must be a JSON object, e.g. {\"portMappings\":[...]}");
    }

    private static string DefaultCacheDir(CliContext ctx) =>
        Environment.UserName == "root" || ctx.Env("HOME") is null
            ? "/var/lib/cnitest"
            : Path.Combine(ctx.Env("XDG_STATE_HOME") ?? Path.Combine(ctx.Env("HOME")!, ".local", "state"), "cnitest");
}
