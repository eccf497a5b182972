using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Results;

namespace CniTest.Ipam.Config;

/// <summary>
/// Reads <c>nameserver</c>, <c>domain</c>, <c>search</c> and <c>options</c> lines of a resolv.conf into the result's
/// <c>dns</c> (host-local <c>parseResolvConf</c>); comments and other lines are ignored.
/// </summary>
internal static class ResolvConfReader
{
    public static CniDns Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CniPluginException(CniErrorCodes.InvalidNetworkConfig, $"invalid value for \"ipam.resolvConf\": cannot read {path}", ex.Message);
        }
        var nameservers = new List<string>();
        var search = new List<string>();
        var options = new List<string>();
        string? domain = null;
        foreach (var line in lines)
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[0].StartsWith('#') || fields[0].StartsWith(';'))
                continue;
            switch (fields[0])
            {
                case "nameserver":
                    nameservers.Add(fields[1]);
                    break;
                case "domain":
                    domain = fields[1];
                    break;
                case "search":
                    search.AddRange(fields[1..]);
                    break;
                case "options":
                    options.AddRange(fields[1..]);
                    break;
            }
        }
        return new CniDns { Nameservers = nameservers, Domain = domain, Search = search, Options = options };
    }
}
