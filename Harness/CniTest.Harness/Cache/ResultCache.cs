using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Cache;

/// <summary>What reading a cache entry found (R38): corrupt entries are reported, never thrown (cni#1055).</summary>
public enum CacheReadStatus
{
    /// <summary>No file for that key: "no cached result", not an error (R38).</summary>
    Missing,

    /// <summary>A <c>cniCacheV1</c> entry, or a legacy bare result wrapped as one (R38).</summary>
    Found,

    /// <summary>Empty, unreadable or not a JSON object; DEL deletes such a file, CHECK fails on it (R32, R40).</summary>
    Corrupt,
}

/// <summary>
/// The result cache, in libcni's layout <c>&lt;dir&gt;/results/&lt;network&gt;-&lt;containerId&gt;-&lt;ifName&gt;</c>
/// (R37–R40) so that tools reading libcni caches can read ours. The directory is always the caller's choice:
/// this class never defaults to the machine's /var/lib/cni.
/// </summary>
public sealed class ResultCache(string directory)
{
    /// <summary>The cache root as an absolute path; entries live under its <c>results/</c> folder.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    private string ResultsDir => Path.Combine(Directory, "results");

    /// <summary>The entry file of one attachment, <c>results/&lt;network&gt;-&lt;containerId&gt;-&lt;ifName&gt;</c> (R37).</summary>
    public string PathFor(string network, string containerId, string ifName) =>
        Path.Combine(ResultsDir, $"{network}-{containerId}-{ifName}");

    /// <summary>Writes (overwrites) an entry, dirs 0700 and file 0600 as libcni does (R37).</summary>
    public void Write(CachedAttachment entry)
    {
        if (entry.NetworkName.Length == 0 || entry.ContainerId.Length == 0 || entry.IfName.Length == 0)
        {
            throw new ArgumentException("cache entries need a network name, container id and interface name");
        }

        System.IO.Directory.CreateDirectory(ResultsDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = PathFor(entry.NetworkName, entry.ContainerId, entry.IfName);
        var tmp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(tmp, ToJson(entry).ToJsonString());
        File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // Write-then-rename: a crash mid-write leaves the old entry or none, never a zero-byte file (cni#1055).
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Reads an entry; missing, empty and corrupt files are statuses, not exceptions (R38, cni#1055).</summary>
    public (CacheReadStatus Status, CachedAttachment? Entry, string? Problem) Read(string network, string containerId, string ifName)
    {
        var path = PathFor(network, containerId, ifName);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (CacheReadStatus.Missing, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (CacheReadStatus.Corrupt, null, e.Message);
        }

        return Decode(bytes, network, containerId, ifName);
    }

    /// <summary>Deletes an entry; a missing one is fine (R40).</summary>
    public void Delete(string network, string containerId, string ifName)
    {
        try
        {
            File.Delete(PathFor(network, containerId, ifName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Every readable <c>cniCacheV1</c> entry, sorted by file name; unreadable ones are skipped (R39).</summary>
    public IReadOnlyList<CachedAttachment> List(string? containerId = null)
    {
        if (!System.IO.Directory.Exists(ResultsDir))
        {
            return [];
        }

        var entries = new List<CachedAttachment>();
        foreach (var file in System.IO.Directory.GetFiles(ResultsDir).Order(StringComparer.Ordinal))
        {
            if (file.Contains(".tmp-", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                // The name is ambiguous (names and ids may contain '-'), so trust only the content (R39).
                if (JsonNode.Parse(File.ReadAllBytes(file)) is JsonObject o && FromJson(o) is { } e
                    && (containerId is null || e.ContainerId == containerId))
                {
                    entries.Add(e);
                }
            }
            catch (Exception ex) when (ex is JsonException or IOException or FormatException or InvalidOperationException)
            {
            }
        }

        return entries;
    }

    private static (CacheReadStatus, CachedAttachment?, string?) Decode(byte[] bytes, string network, string id, string ifName)
    {
        if (bytes.Length == 0)
        {
            return (CacheReadStatus.Corrupt, null, "cache file is empty");
        }

        try
        {
            if (JsonNode.Parse(bytes) is not JsonObject o)
            {
                return (CacheReadStatus.Corrupt, null, "cache file is not a JSON object");
            }

            if (FromJson(o) is { } entry)
            {
                return (CacheReadStatus.Found, entry, null);
            }

            // Legacy format (pre-2019 libcni): the file is a bare result object (R38).
            return (CacheReadStatus.Found, new CachedAttachment
            {
                ContainerId = id, IfName = ifName, NetworkName = network, Config = [], Result = o,
            }, null);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return (CacheReadStatus.Corrupt, null, e.Message);
        }
    }

    private static CachedAttachment? FromJson(JsonObject o)
    {
        if (o["kind"]?.GetValue<string>() != "cniCacheV1")
        {
            return null;
        }

        var args = o["cniArgs"] is JsonArray a
            ? a.OfType<JsonArray>().Where(p => p.Count == 2)
                .Select(p => KeyValuePair.Create(p[0]!.GetValue<string>(), p[1]!.GetValue<string>())).ToList()
            : [];
        return new CachedAttachment
        {
            ContainerId = o["containerId"]?.GetValue<string>() ?? "",
            IfName = o["ifName"]?.GetValue<string>() ?? "",
            NetworkName = o["networkName"]?.GetValue<string>() ?? "",
            Config = o["config"] is JsonValue c ? Convert.FromBase64String(c.GetValue<string>()) : [],
            Netns = o["netns"]?.GetValue<string>(),
            CniArgs = args,
            CapabilityArgs = o["capabilityArgs"]?.DeepClone() as JsonObject,
            Result = o["result"]?.DeepClone() as JsonObject,
        };
    }

    private static JsonObject ToJson(CachedAttachment e)
    {
        // Field order and omissions as Go's cachedInfo (R37).
        var o = new JsonObject
        {
            ["kind"] = "cniCacheV1",
            ["containerId"] = e.ContainerId,
            ["config"] = Convert.ToBase64String(e.Config),
            ["ifName"] = e.IfName,
            ["networkName"] = e.NetworkName,
        };
        if (!string.IsNullOrEmpty(e.Netns))
        {
            o["netns"] = e.Netns;
        }

        if (e.CniArgs.Count > 0)
        {
            o["cniArgs"] = new JsonArray(e.CniArgs.Select(p => (JsonNode)new JsonArray(p.Key, p.Value)).ToArray());
        }

        if (e.CapabilityArgs is { Count: > 0 })
        {
            o["capabilityArgs"] = e.CapabilityArgs.DeepClone();
        }

        if (e.Result is not null)
        {
            o["result"] = e.Result.DeepClone();
        }

        return o;
    }

    internal static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}
