using CniTest.Ipam.Config;
using CniTest.Ipam.Net;

namespace CniTest.Ipam.Allocation;

/// <summary>
/// host-local's <c>RangeIter</c>, step for step, so both hand out the same addresses in the same order: start
/// after the range set's cursor (<c>last_reserved_ip.N</c>) when the set still contains it, otherwise at the first
/// range's start; walk to each range's end, wrap to the next range (and from the last to the first), skip
/// gateways, stop after one full lap.
/// </summary>
internal sealed class RangeIterator
{
    private readonly RangeSet _set;
    private int _rangeIndex;
    private IpValue? _current;
    private IpValue? _startIp;

    public RangeIterator(RangeSet set, IpValue? lastReserved)
    {
        _set = set;
        if (lastReserved is { } last && set.RangeFor(last) is { } range)
        {
            _rangeIndex = IndexOf(range);
            _current = last;
        }
    }

    /// <summary>The next candidate and its range, or null when the lap is complete.</summary>
    public (IpValue Ip, IpRange Range)? Next()
    {
        while (true)
        {
            var range = _set.Ranges[_rangeIndex];
            if (_current is null)
            {
                // First step without a cursor: the range start itself is a candidate.
                _current = range.Start;
                _startIp = range.Start;
                if (range.Start == range.Gateway)
                    continue;
                return (range.Start, range);
            }
            if (_current == range.End)
            {
                _rangeIndex = (_rangeIndex + 1) % _set.Ranges.Count;
                range = _set.Ranges[_rangeIndex];
                _current = range.Start;
            }
            else
            {
                _current = _current.Value.Next();
            }
            if (_startIp is null)
                _startIp = _current;
            else if (_current == _startIp)
                return null;
            if (_current == range.Gateway)
                continue;
            return (_current.Value, range);
        }
    }

    private int IndexOf(IpRange range)
    {
        for (var i = 0; i < _set.Ranges.Count; i++)
        {
            if (ReferenceEquals(_set.Ranges[i], range))
                return i;
        }
        return 0;
    }
}
