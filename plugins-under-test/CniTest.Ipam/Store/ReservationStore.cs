using System.Globalization;
using CniTest.Ipam.Net;
using CniTest.PluginSdk.Conventions;

namespace CniTest.Ipam.Store;

/// <summary>
/// host-local's disk backend for one network, held under its <c>lock</c> from <see cref="Open"/> to
/// <see cref="Dispose"/>: <c>&lt;dataDir&gt;/&lt;network&gt;/&lt;ip&gt;</c> per reservation, <c>last_reserved_ip.&lt;set&gt;</c>
/// per range set, <c>lock</c>. Modes match Debian's host-local 1.1.1 (0644 files, 0755 directory). Lookups by
/// attachment go through <see cref="AttachmentIndex"/>; only <see cref="ScanAll"/> (GC, STATUS, index rebuild)
/// reads the whole directory.
/// </summary>
internal sealed class ReservationStore : IDisposable
{
    /// <summary>Prefix of the per-range-set cursor files.</summary>
    public const string LastReservedPrefix = "last_reserved_ip.";

    /// <summary>The lock file's name.</summary>
    public const string LockName = "lock";

    private readonly FileLock _lock;
    private readonly AttachmentIndex _index;

    private ReservationStore(string dir, FileLock fileLock, AttachmentIndex index)
    {
        NetworkDir = dir;
        _lock = fileLock;
        _index = index;
    }

    /// <summary>The network directory.</summary>
    public string NetworkDir { get; }

    /// <summary>Opens the store of <paramref name="config"/>'s network.</summary>
    public static ReservationStore Open(Config.IpamConfig config) => Open(config.DataDir, config.Name, config.RangeSets.Count);

    /// <summary>
    /// Creates the network directory if needed (as host-local does, even on DEL), takes the lock and makes sure the
    /// attachment index is current; <paramref name="rangeSetCount"/> names the cursor files the index watches.
    /// </summary>
    public static ReservationStore Open(string dataDir, string network, int rangeSetCount)
    {
        var dir = Path.Combine(dataDir, network);
        Directory.CreateDirectory(dir);
        var fileLock = FileLock.Acquire(Path.Combine(dir, LockName));
        try
        {
            var (index, stale) = AttachmentIndex.Open(dataDir, network, dir, rangeSetCount);
            var store = new ReservationStore(dir, fileLock, index);
            if (stale)
            {
                index.Rebuild(store.ScanAll());
                index.Commit();
            }
            return store;
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates the reservation file for <paramref name="ip"/> unless it exists (O_EXCL: the existence probe is the
    /// reservation), then moves the range set's cursor, as host-local's <c>Store.Reserve</c>. False when taken.
    /// </summary>
    public bool TryReserve(IpValue ip, Attachment attachment, int rangeSetIndex)
    {
        var path = Path.Combine(NetworkDir, ip.ToString());
        try
        {
            FileText.CreateNew(path, Reservation.Content(attachment));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Taken, whoever holds it (host-local does not look at the owner either).
            return false;
        }
        _index.Add(attachment, ip);
        FileText.Overwrite(Path.Combine(NetworkDir, LastReservedPrefix + rangeSetIndex.ToString(CultureInfo.InvariantCulture)), ip.ToString());
        return true;
    }

    /// <summary>The cursor of range set <paramref name="rangeSetIndex"/>, or null when absent or unreadable.</summary>
    public IpValue? LastReserved(int rangeSetIndex)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(NetworkDir, LastReservedPrefix + rangeSetIndex.ToString(CultureInfo.InvariantCulture)));
            return IpValue.TryParse(text.Trim(), out var ip) ? ip : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The addresses reserved for <paramref name="attachment"/>, verified against the files.</summary>
    public IReadOnlyList<IpValue> FindByAttachment(Attachment attachment) =>
        _index.Lookup(attachment).Where(ip => ReadReservation(ip)?.Matches(attachment) == true).ToList();

    /// <summary>
    /// Deletes every reservation of <paramref name="attachment"/>; if there is none, also the legacy files that hold
    /// only its container id (host-local's <c>ReleaseByID</c>). Returns how many files were removed.
    /// </summary>
    public int Release(Attachment attachment)
    {
        var removed = 0;
        foreach (var ip in FindByAttachment(attachment))
            removed += Delete(ip) ? 1 : 0;
        _index.Remove(attachment);
        if (removed == 0)
        {
            var legacy = attachment with { IfName = "" };
            foreach (var ip in _index.Lookup(legacy).Where(ip => ReadReservation(ip) is { IfName: null } r && r.ContainerId == attachment.ContainerId))
                removed += Delete(ip) ? 1 : 0;
            _index.Remove(legacy);
        }
        return removed;
    }

    /// <summary>Deletes the reservation of <paramref name="reservation"/> and forgets it in the index.</summary>
    public void Release(Reservation reservation)
    {
        Delete(reservation.Ip);
        _index.Remove(reservation.Attachment);
    }

    /// <summary>Every reservation file (one read per file: for GC, STATUS and index rebuilds only).</summary>
    public IReadOnlyList<Reservation> ScanAll()
    {
        var list = new List<Reservation>();
        foreach (var ip in ReservedAddresses())
        {
            if (ReadReservation(ip) is { } reservation)
                list.Add(reservation);
        }
        return list;
    }

    /// <summary>The reserved addresses from file names alone (no file is read).</summary>
    public IEnumerable<IpValue> ReservedAddresses()
    {
        foreach (var path in Directory.EnumerateFiles(NetworkDir))
        {
            if (IpValue.TryParse(Path.GetFileName(path), out var ip))
                yield return ip;
        }
    }

    /// <summary>Records the directory state as ours (see <see cref="AttachmentIndex"/>); call after changes.</summary>
    public void Commit() => _index.Commit();

    /// <summary>Rebuilds the index from a full scan.</summary>
    public void RebuildIndex()
    {
        _index.Rebuild(ScanAll());
        _index.Commit();
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _lock.Dispose();

    private Reservation? ReadReservation(IpValue ip)
    {
        try
        {
            return Reservation.Parse(ip, File.ReadAllText(Path.Combine(NetworkDir, ip.ToString())));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private bool Delete(IpValue ip)
    {
        var path = Path.Combine(NetworkDir, ip.ToString());
        if (!File.Exists(path))
            return false;
        File.Delete(path);
        return true;
    }
}
