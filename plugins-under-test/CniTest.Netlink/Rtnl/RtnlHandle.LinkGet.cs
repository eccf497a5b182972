namespace CniTest.Netlink.Rtnl;

public sealed partial class RtnlHandle
{
    /// <summary>Equivalent to: <c>ip link show dev NAME</c>.</summary>
    /// <exception cref="LinkNotFoundException">No link has that name.</exception>
    public Link LinkGetByName(string name) => GetLink(LinkRequests.GetByName(name), $"RTM_GETLINK {name}", name);

    /// <summary>Like <see cref="LinkGetByName"/>, but null when there is no such link.</summary>
    public Link? LinkFindByName(string name)
    {
        try
        {
            return LinkGetByName(name);
        }
        catch (LinkNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Equivalent to: <c>ip link show</c> for one ifindex.</summary>
    /// <exception cref="LinkNotFoundException">No link has that index.</exception>
    public Link LinkGetByIndex(int index) => GetLink(LinkRequests.GetByIndex(index), $"RTM_GETLINK #{index}", $"#{index}");

    /// <summary>Every link in the handle's namespace. Equivalent to: <c>ip link show</c>.</summary>
    public IReadOnlyList<Link> LinkList() => Dump(LinkRequests.Dump, "RTM_GETLINK dump", LinkParser.Parse);

    private Link GetLink(Wire.NetlinkMessageWriter request, string operation, string link)
    {
        Link? found = null;
        ExecuteOnLink(request, operation, link, message => found = LinkParser.Parse(message));
        return found ?? throw new NetlinkProtocolException($"{operation}: acknowledged without a link");
    }
}
