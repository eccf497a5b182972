using System.Text.Json.Nodes;
using CniTest.PluginSdk.Hosting;

namespace CniTest.Plugins.Tests.Support;

/// <summary>A private data directory and request builder for IPAM tests; deleted on dispose. Never /var/lib/cni.</summary>
public sealed class IpamScratch : IDisposable
{
    public const string Network = "testnet";
    public const string V4 = """[[{"subnet":"10.10.0.0/24"}]]""";
    public const string DualStack = """[[{"subnet":"10.10.0.0/24"}],[{"subnet":"fd00:10::/64"}]]""";

    /// <summary>A scratch data directory under <paramref name="root"/> (default: the temp directory).</summary>
    public IpamScratch(string? root = null)
    {
        DataDir = root is null
            ? Directory.CreateTempSubdirectory("cnitest-ipam-").FullName
            : Directory.CreateDirectory(Path.Combine(root, "cnitest-ipam-" + Guid.NewGuid().ToString("N"))).FullName;
    }

    /// <summary>tmpfs when the machine has one: timing tests then measure our code, not the disk's journal.</summary>
    public static string? MemoryRoot => Directory.Exists("/dev/shm") ? "/dev/shm" : null;

    public string DataDir { get; }

    public string NetworkDir => Path.Combine(DataDir, Network);

    /// <summary>A request configuration with the given <c>ipam.ranges</c> and extra <c>ipam</c> keys.</summary>
    public JsonObject Config(string ranges = V4, string version = "1.1.0", string extraIpam = "", string dataDir = "")
    {
        var dir = dataDir.Length > 0 ? dataDir : DataDir;
        return JsonNode.Parse($$$"""
            {"cniVersion":"{{{version}}}","name":"{{{Network}}}","type":"cnitest-ipam",
             "ipam":{"type":"cnitest-ipam","dataDir":"{{{dir}}}","ranges":{{{ranges}}}{{{extraIpam}}}}}
            """)!.AsObject();
    }

    /// <summary>The arguments a runtime would pass.</summary>
    public static CmdArgs Args(CniCommand command, JsonObject config, string containerId = "c1", string ifName = "eth0", string cniArgs = "") => new()
    {
        Command = command,
        ContainerId = containerId,
        IfName = ifName,
        Netns = "/var/run/netns/unused",
        Args = cniArgs,
        Config = config,
        CniVersion = config["cniVersion"]!.GetValue<string>(),
    };

    /// <summary>File names in the network directory, sorted ordinally.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.Exists(NetworkDir)
            ? Directory.EnumerateFiles(NetworkDir).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The content of a file in the network directory.</summary>
    public string Read(string name) => File.ReadAllText(Path.Combine(NetworkDir, name));

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Private temp directory; leaving it is harmless.
        }
    }
}
