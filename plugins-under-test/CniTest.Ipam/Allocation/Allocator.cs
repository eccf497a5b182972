using CniTest.Ipam.Config;
using CniTest.Ipam.Net;
using CniTest.Ipam.Store;
using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Results;

namespace CniTest.Ipam.Allocation;

/// <summary>
/// host-local's <c>IPAllocator.Get</c> for one range set. Cost per ADD is independent of how many addresses are
/// reserved: the duplicate check reads the attachment index, and the search starts after the cursor and probes
/// candidates with O_EXCL creates, so it touches only the run of taken addresses right after the cursor (usually
/// none) instead of reading the whole directory.
/// </summary>
internal static class Allocator
{
    public static CniIpConfig Allocate(ReservationStore store, RangeSet set, int setIndex, Attachment attachment, IpValue? requested)
    {
        if (requested is { } wanted)
            return AllocateRequested(store, set, setIndex, attachment, wanted);

        foreach (var existing in store.FindByAttachment(attachment))
        {
            if (set.Contains(existing))
                throw Failure($"{existing} has been allocated to {attachment.ContainerId}, duplicate allocation is not allowed");
        }
        var iterator = new RangeIterator(set, store.LastReserved(setIndex));
        while (iterator.Next() is var (ip, range))
        {
            if (store.TryReserve(ip, attachment, setIndex))
                return Config(ip, range);
        }
        throw Failure($"no IP addresses available in range set: {set}");
    }

    private static CniIpConfig AllocateRequested(ReservationStore store, RangeSet set, int setIndex, Attachment attachment, IpValue ip)
    {
        var range = set.RangeFor(ip) ?? throw Failure($"{ip} not in range set {set}");
        if (ip == range.Gateway)
            throw Failure($"requested ip {ip} is subnet's gateway");
        if (!store.TryReserve(ip, attachment, setIndex))
            throw Failure($"requested IP address {ip} is not available in range set {set}");
        return Config(ip, range);
    }

    private static CniIpConfig Config(IpValue ip, IpRange range) =>
        new(new IpCidr(ip.ToIPAddress(), range.PrefixLength)) { Gateway = range.Gateway.ToIPAddress() };

    // host-local returns untyped errors, which skel reports as code 999; we keep code and wording.
    private static CniPluginException Failure(string message) => new(CniErrorCodes.Internal, message);
}
