using CniTest.Ipam.Allocation;
using CniTest.Ipam.Config;
using CniTest.Ipam.Net;
using CniTest.Ipam.Store;
using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Hosting;
using CniTest.PluginSdk.Results;

namespace CniTest.Ipam;

/// <summary>
/// A host-local compatible IPAM plugin: same configuration, same files, same addresses in the same order as Go's
/// <c>host-local</c>, plus GC and STATUS, and ADD cost independent of the number of reservations. The
/// <c>cnitest-ipam</c> executable hosts it with <see cref="PluginHost"/>; a main plugin may call it in-process with
/// the complete request it received (SPEC §4 delegation).
/// </summary>
public sealed class HostLocalIpam : ICniPlugin
{
    /// <summary>The plugin's description for VERSION-less calls (P52).</summary>
    public static PluginInfo Info { get; } = new("cnitest-ipam: host-local compatible IPAM (cnitest reference plugin)");

    /// <summary>
    /// Reserves one address per range set (requested addresses first), all or nothing, and returns them with the
    /// configured routes and resolv.conf DNS; IPAM results carry no interfaces (P24).
    /// </summary>
    public CniResult Add(CmdArgs args)
    {
        var config = IpamConfigReader.Read(args);
        var attachment = new Attachment(args.ContainerId, args.IfName);
        var pending = config.RequestedIps.ToList();
        var ips = new List<CniIpConfig>();
        using (var store = ReservationStore.Open(config))
        {
            try
            {
                for (var i = 0; i < config.RangeSets.Count; i++)
                {
                    var set = config.RangeSets[i];
                    var at = pending.FindIndex(set.Contains);
                    IpValue? requested = at >= 0 ? pending[at] : null;
                    if (at >= 0)
                        pending.RemoveAt(at);
                    ips.Add(AllocateInSet(store, set, i, attachment, requested));
                }
                if (pending.Count > 0)
                    throw new CniPluginException(CniErrorCodes.Internal, "failed to allocate all requested IPs: " + string.Join(" ", pending));
            }
            catch
            {
                if (ips.Count > 0)
                    store.Release(attachment);
                store.Commit();
                throw;
            }
            store.Commit();
        }
        return new CniResult
        {
            Ips = ips,
            Routes = config.Routes,
            Dns = config.ResolvConf is { } path ? ResolvConfReader.Read(path) : CniDns.Empty,
        };
    }

    /// <summary>Releases the attachment's reservations; nothing reserved is success (P26).</summary>
    public void Del(CmdArgs args)
    {
        var config = IpamConfigReader.Read(args);
        using var store = ReservationStore.Open(config);
        store.Release(new Attachment(args.ContainerId, args.IfName));
        store.Commit();
    }

    /// <summary>
    /// Fails unless the attachment holds at least one reservation (host-local's check) and every
    /// <c>prevResult</c> address inside our range sets is reserved for it (P34).
    /// </summary>
    public void Check(CmdArgs args)
    {
        var config = IpamConfigReader.Read(args);
        var attachment = new Attachment(args.ContainerId, args.IfName);
        using var store = ReservationStore.Open(config);
        var held = store.FindByAttachment(attachment);
        if (held.Count == 0)
            throw new CniPluginException(CniErrorCodes.Internal, $"host-local: Failed to find address added by container {args.ContainerId}");
        foreach (var ip in args.PrevResult?.Ips ?? [])
        {
            var value = IpValue.From(ip.Address.Address);
            if (config.RangeSets.Any(set => set.Contains(value)) && !held.Contains(value))
                throw new CniPluginException(CniErrorCodes.Internal, $"cnitest-ipam: address {value} of prevResult is not reserved for container {args.ContainerId} interface {args.IfName}");
        }
    }

    /// <summary>
    /// Releases every reservation in the network directory whose attachment is not valid (P37); legacy files (id
    /// only) stay when any valid attachment has their container id. Continues past failures and reports them
    /// together (P40).
    /// </summary>
    public void Gc(CmdArgs args, IReadOnlyList<Attachment> validAttachments)
    {
        var config = IpamConfigReader.Read(args);
        var valid = validAttachments.Select(a => a with { ContainerId = a.ContainerId.Trim() }).ToHashSet();
        var validIds = valid.Select(a => a.ContainerId).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        using var store = ReservationStore.Open(config);
        foreach (var reservation in store.ScanAll())
        {
            var keep = reservation.IfName is null ? validIds.Contains(reservation.ContainerId) : valid.Contains(reservation.Attachment);
            if (keep)
                continue;
            try
            {
                store.Release(reservation);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failures.Add($"{reservation.Ip}: {ex.Message}");
            }
        }
        store.RebuildIndex();
        if (failures.Count > 0)
            throw new CniPluginException(CniErrorCodes.Internal, "failed to release some reservations", string.Join("; ", failures));
    }

    /// <summary>
    /// Ready unless the data directory cannot be written or some range set has no free address (code 50, P45);
    /// configuration errors keep their own code.
    /// </summary>
    public void Status(CmdArgs args)
    {
        var config = IpamConfigReader.Read(args);
        try
        {
            using var store = ReservationStore.Open(config);
            if (Interop.Libc.Access(store.NetworkDir, Interop.Libc.W_OK) != 0)
                throw new IOException($"{store.NetworkDir} is not writable");
            var reserved = store.ReservedAddresses().ToList();
            for (var i = 0; i < config.RangeSets.Count; i++)
            {
                var set = config.RangeSets[i];
                var capacity = set.Ranges.Aggregate(UInt128.Zero, (sum, r) => sum + r.Capacity);
                var used = (UInt128)reserved.Count(ip => set.RangeFor(ip) is { } r && ip != r.Gateway);
                if (used >= capacity)
                    throw new CniPluginException(CniErrorCodes.PluginNotAvailable, $"no IP addresses available in range set {i}: {set}");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CniPluginException(CniErrorCodes.PluginNotAvailable, $"data directory {config.DataDir} is not usable", ex.Message);
        }
    }

    private static CniIpConfig AllocateInSet(ReservationStore store, RangeSet set, int index, Attachment attachment, IpValue? requested)
    {
        try
        {
            return Allocator.Allocate(store, set, index, attachment, requested);
        }
        catch (CniPluginException ex)
        {
            throw new CniPluginException(ex.Code, $"failed to allocate for range {index}: {ex.Msg}", ex.Details);
        }
    }
}
