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

    /// <summary>
    /// Writes (overwrites) an entry, dirs 0700 and file 0600 as libcni does (R37). Unlike libcni's <c>os.WriteFile</c>,
    /// which truncates the entry in place, the bytes go to a new temporary file that is renamed over the entry, so a
    /// crash mid-write leaves the old entry or none, never a zero-byte file (cni#1055). Like libcni, no fsync.
    /// </summary>
    public void Write(CachedAttachment entry)
    {
        if (entry.NetworkName.Length == 0 || entry.ContainerId.Length == 0 || entry.IfName.Length == 0)
        {
            throw new ArgumentException("cache entries need a network name, container id and interface name");
        }

        var path = PathFor(entry.NetworkName, entry.ContainerId, entry.IfName);
        // One name per write (the process id keeps processes apart, the counter threads): a temporary file is created,
        // never reused, so its mode is the one it was created with.
        var tmp = $"{path}.tmp-{Environment.ProcessId}-{Interlocked.Increment(ref _writes)}";
        WriteNewFile(tmp, Serialize(entry));
        File.Move(tmp, path, overwrite: true);
    }

    private static long _writes;

    /// <summary>
    /// Creates <paramref name="file"/> with mode 0600 and writes <paramref name="bytes"/>: one open (O_CREAT|O_EXCL with
    /// the mode, so no chmod), one write, one close. The folder is created (0700) only when the open finds it missing,
    /// so a cache that exists costs no mkdir or stat per ADD.
    /// </summary>
    private void WriteNewFile(string file, byte[] bytes)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(file, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.None,
                    BufferSize = 0,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                stream.Write(bytes);
                return;
            }
            catch (DirectoryNotFoundException) when (attempt == 0)
            {
                CreateFolders(ResultsDir);
            }
            catch (IOException) when (attempt < 2 && File.Exists(file))
            {
                File.Delete(file); // left by a process that had our id and died mid-write
            }
        }
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

    /// <summary>
    /// Go's <c>os.MkdirAll(dir, 0o700)</c> (R37): every missing folder of the path is created with mode 0700, not only
    /// the last (.NET's <c>CreateDirectory(path, mode)</c> gives the parents it creates the default mode).
    /// </summary>
    private static void CreateFolders(string dir)
    {
        var missing = new Stack<string>();
        for (var d = dir; !string.IsNullOrEmpty(d) && !System.IO.Directory.Exists(d); d = Path.GetDirectoryName(d))
        {
            missing.Push(d);
        }

        foreach (var d in missing)
        {
            System.IO.Directory.CreateDirectory(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// The entry as JSON text, written in one pass (no copy of the result tree): field order and omissions as Go's
    /// <c>cachedInfo</c> (R37), <c>config</c> as standard padded base64 (Go's <c>[]byte</c>).
    /// </summary>
    private static byte[] Serialize(CachedAttachment e)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512 + (e.Config.Length * 2));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("kind", "cniCacheV1");
            w.WriteString("containerId", e.ContainerId);
            w.WriteBase64String("config", e.Config);
            w.WriteString("ifName", e.IfName);
            w.WriteString("networkName", e.NetworkName);
            if (!string.IsNullOrEmpty(e.Netns))
            {
                w.WriteString("netns", e.Netns);
            }

            if (e.CniArgs.Count > 0)
            {
                w.WriteStartArray("cniArgs");
                foreach (var (k, v) in e.CniArgs)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(k);
                    w.WriteStringValue(v);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
            }

            if (e.CapabilityArgs is { Count: > 0 })
            {
                w.WritePropertyName("capabilityArgs");
                e.CapabilityArgs.WriteTo(w);
            }

            if (e.Result is not null)
            {
                w.WritePropertyName("result");
                e.Result.WriteTo(w);
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}
