using System.Globalization;
using System.Text;
using CniTest.Ipam.Net;
using CniTest.PluginSdk.Conventions;

namespace CniTest.Ipam.Store;

/// <summary>
/// Maps an attachment to its reserved addresses without reading every reservation file, which is what makes Go's
/// host-local slower as a network fills up (issue 6 item 2). One small file per attachment in
/// <c>&lt;dataDir&gt;/.cnitest-ipam/&lt;network&gt;/</c>, outside the network directory so that directory stays
/// byte-for-byte host-local's layout (a leading dot can never be a network name). The index is a cache: entries are
/// verified against the reservation files before use (so stale entries are harmless), and it is rebuilt by one full
/// scan whenever the network directory differs from the state recorded after our last change, i.e. when someone else
/// (Go's host-local sharing the data directory, an operator, a crash between our writes) changed it. The recorded
/// state is the directory's mtime plus the content of every <c>last_reserved_ip.N</c>: the mtime alone has kernel
/// tick granularity, but every foreign reservation also rewrites a cursor file, so a missing entry (the only harmful
/// kind) is always noticed. All access happens under the network's <c>lock</c>.
/// </summary>
internal sealed class AttachmentIndex
{
    /// <summary>The index root inside the data directory.</summary>
    public const string RootName = ".cnitest-ipam";

    private const string StampName = ".stamp";
    private const int MaxKeyLength = 200;

    private readonly string _dir;
    private readonly string _networkDir;

    private readonly int _rangeSetCount;

    private AttachmentIndex(string dir, string networkDir, int rangeSetCount)
    {
        _dir = dir;
        _networkDir = networkDir;
        _rangeSetCount = rangeSetCount;
    }

    /// <summary>Opens the index of <paramref name="networkDir"/>; returns it and whether it must be rebuilt.</summary>
    public static (AttachmentIndex Index, bool Stale) Open(string dataDir, string network, string networkDir, int rangeSetCount)
    {
        var dir = Path.Combine(dataDir, RootName, network);
        Directory.CreateDirectory(dir);
        var index = new AttachmentIndex(dir, networkDir, rangeSetCount);
        return (index, index.ReadStamp() != index.CurrentStamp());
    }

    /// <summary>The addresses recorded for <paramref name="attachment"/> (unverified).</summary>
    public IReadOnlyList<IpValue> Lookup(Attachment attachment)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(PathOf(attachment));
        }
        catch (FileNotFoundException)
        {
            return [];
        }
        var ips = new List<IpValue>(lines.Length);
        foreach (var line in lines)
        {
            if (IpValue.TryParse(line, out var ip))
                ips.Add(ip);
        }
        return ips;
    }

    /// <summary>Records <paramref name="ip"/> for <paramref name="attachment"/>.</summary>
    public void Add(Attachment attachment, IpValue ip) => File.AppendAllText(PathOf(attachment), ip + "\n");

    /// <summary>Forgets <paramref name="attachment"/>.</summary>
    public void Remove(Attachment attachment) => File.Delete(PathOf(attachment));

    /// <summary>Replaces the whole index with <paramref name="reservations"/> (from a full scan).</summary>
    public void Rebuild(IEnumerable<Reservation> reservations)
    {
        foreach (var file in Directory.EnumerateFiles(_dir))
            File.Delete(file);
        foreach (var group in reservations.GroupBy(r => r.Attachment))
            File.WriteAllText(PathOf(group.Key), string.Concat(group.Select(r => r.Ip + "\n")));
    }

    /// <summary>Records the network directory's current state as "ours"; call after the last change.</summary>
    public void Commit() => FileText.Overwrite(Path.Combine(_dir, StampName), CurrentStamp());

    // A fixed-length digest, so rewriting the stamp never truncates (a journaled operation on ext4).
    private string CurrentStamp()
    {
        var stamp = new StringBuilder(Directory.GetLastWriteTimeUtc(_networkDir).Ticks.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < _rangeSetCount; i++)
        {
            var cursor = Path.Combine(_networkDir, ReservationStore.LastReservedPrefix + i.ToString(CultureInfo.InvariantCulture));
            stamp.Append('\n').Append(File.Exists(cursor) ? File.ReadAllText(cursor) : "-");
        }
        return Fnv1a.Hex(stamp.ToString());
    }

    private string? ReadStamp()
    {
        try
        {
            return File.ReadAllText(Path.Combine(_dir, StampName));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    // Container ids match [a-zA-Z0-9][a-zA-Z0-9_.-]* and ifnames contain no '/' or ':', so "<id>:<ifname>" is a safe,
    // unambiguous file name that never starts with '.'; very long ids are hashed to stay under NAME_MAX.
    private string PathOf(Attachment attachment)
    {
        var key = $"{attachment.ContainerId.Trim()}:{attachment.IfName}";
        if (key.Length > MaxKeyLength || key.StartsWith('.') || key.Contains('/'))
            key = $"h-{key.Length}-{Fnv1a.Hex(key)}";
        return Path.Combine(_dir, key);
    }
}
