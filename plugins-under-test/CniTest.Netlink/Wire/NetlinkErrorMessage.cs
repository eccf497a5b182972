using System.Runtime.CompilerServices;
using static CniTest.Netlink.Wire.NetlinkConstants;

namespace CniTest.Netlink.Wire;

/// <summary>
/// Decodes NLMSG_ERROR (and the error carried by NLMSG_DONE): a negative errno, 0 meaning ACK, plus the
/// extended-ack TLVs when the kernel flagged NLM_F_ACK_TLVS (linux/netlink.h, "struct nlmsgerr" comment).
/// </summary>
internal static class NetlinkErrorMessage
{
    /// <summary>Returns the positive errno (0 for an ACK) and the NLMSGERR_ATTR_MSG text, if any.</summary>
    internal static int ParseError(NetlinkMessage message, out string? extendedAck)
    {
        var error = message.ReadStruct<int>();
        extendedAck = null;
        if ((message.Flags & NLM_F_ACK_TLVS) == 0)
        {
            return -error;
        }

        // The TLVs follow the echoed request: just its header when the kernel capped the echo (NETLINK_CAP_ACK, or
        // always for ACKs), else the whole original message, whose own nlmsg_len tells how long it was.
        int offset;
        if ((message.Flags & NLM_F_CAPPED) != 0)
        {
            offset = Unsafe.SizeOf<nlmsgerr>();
        }
        else
        {
            var echoed = message.ReadStruct<nlmsgerr>().msg;
            offset = sizeof(int) + Align((int)Math.Min(echoed.nlmsg_len, int.MaxValue - 8));
        }

        extendedAck = FindMessage(message.Payload, offset);
        return -error;
    }

    /// <summary>
    /// NLMSG_DONE carries an int: 0, or a negative errno when the dump itself failed; TLVs may follow it.
    /// Old kernels sent an empty DONE, which counts as success.
    /// </summary>
    internal static int ParseDone(NetlinkMessage message, out string? extendedAck)
    {
        extendedAck = null;
        if (message.Payload.Length < sizeof(int))
        {
            return 0;
        }

        var error = message.ReadStruct<int>();
        if ((message.Flags & NLM_F_ACK_TLVS) != 0)
        {
            extendedAck = FindMessage(message.Payload, sizeof(int));
        }

        return -error;
    }

    private static string? FindMessage(ReadOnlySpan<byte> payload, int offset)
    {
        // An offset beyond the payload means the echo was not there: no TLVs to read, and nothing to trust.
        if (offset >= payload.Length)
        {
            return null;
        }

        foreach (var attribute in new NetlinkAttributeReader(payload[offset..]))
        {
            if (attribute.Type == NLMSGERR_ATTR_MSG)
            {
                return attribute.GetString();
            }
        }

        return null;
    }
}
