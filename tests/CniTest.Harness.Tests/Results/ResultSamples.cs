using System.Text.Json.Nodes;

namespace CniTest.Harness.Tests.Results;

/// <summary>
/// One rich result per family, chosen so that Go's conversions (checklist R42) map them onto each other exactly:
/// <see cref="Body040"/> and <see cref="Body100"/> both down-convert to <see cref="Body020"/>; <see cref="Body100"/>
/// down-converts to <see cref="Body040"/>; <see cref="Body040"/> up-converts to <see cref="Body100"/> minus the
/// 1.1 interface fields. Each body is the JSON object's members without <c>cniVersion</c>.
/// </summary>
internal static class ResultSamples
{
    public static readonly string[] AllVersions = ["0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];

    private const string Dns =
        """ "dns":{"nameservers":["10.1.2.1","2001:db8::1"],"domain":"example.org","search":["example.org","svc.example.org"],"options":["ndots:2"]} """;

    /// <summary>0.1.0/0.2.0: one IPv4 and one IPv6 config with their routes.</summary>
    public const string Body020 =
        """
        "ip4":{"ip":"10.1.2.3/24","gateway":"10.1.2.1","routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"},{"dst":"192.168.0.0/16"}]},
        "ip6":{"ip":"2001:db8::5/64","gateway":"2001:db8::1","routes":[{"dst":"::/0","gw":"2001:db8::1"}]},
        """ + Dns;

    /// <summary>
    /// 0.3.x/0.4.0: IPv6 listed first and extra IPs of each family (0.2 keeps the first of each, by the
    /// <c>version</c> field); a route carrying the 1.1 fields, which Go keeps in this family (§5.17).
    /// </summary>
    public const string Body040 =
        """
        "interfaces":[{"name":"cni0","mac":"0a:58:0a:01:02:01"},{"name":"eth0","mac":"0a:58:0a:01:02:03","sandbox":"/var/run/netns/c1"}],
        "ips":[
          {"version":"6","interface":1,"address":"2001:db8::5/64","gateway":"2001:db8::1"},
          {"version":"4","interface":1,"address":"10.1.2.3/24","gateway":"10.1.2.1"},
          {"version":"4","interface":0,"address":"10.9.9.9/8"},
          {"version":"6","address":"fd00::9/128"}],
        """ + Routes040And100 + "," + Dns;

    /// <summary>1.x with every 1.1 interface and route field (Go carries them in 1.0.0 results too, R41).</summary>
    public const string Body100 =
        """
        "interfaces":[
          {"name":"cni0","mac":"0a:58:0a:01:02:01","mtu":1450},
          {"name":"eth0","mac":"0a:58:0a:01:02:03","mtu":1450,"sandbox":"/var/run/netns/c1","socketPath":"/run/vhost/eth0.sock","pciID":"0000:00:1f.6"}],
        """ + Ips100 + "," + Routes040And100 + "," + Dns;

    /// <summary><see cref="Body100"/> as Go makes it from <see cref="Body040"/>: interfaces only name/mac/sandbox.</summary>
    public const string Body100From040 =
        """
        "interfaces":[{"name":"cni0","mac":"0a:58:0a:01:02:01"},{"name":"eth0","mac":"0a:58:0a:01:02:03","sandbox":"/var/run/netns/c1"}],
        """ + Ips100 + "," + Routes040And100 + "," + Dns;

    /// <summary>0.2 → 0.3.x/0.4.0: ip4 then ip6 with a version and no interface index; routes concatenated.</summary>
    public const string Body040From020 =
        """
        "ips":[{"version":"4","address":"10.1.2.3/24","gateway":"10.1.2.1"},{"version":"6","address":"2001:db8::5/64","gateway":"2001:db8::1"}],
        """ + Routes020Concatenated + "," + Dns;

    /// <summary>0.2 → 1.x: as <see cref="Body040From020"/> without <c>version</c>.</summary>
    public const string Body100From020 =
        """
        "ips":[{"address":"10.1.2.3/24","gateway":"10.1.2.1"},{"address":"2001:db8::5/64","gateway":"2001:db8::1"}],
        """ + Routes020Concatenated + "," + Dns;

    private const string Ips100 =
        """
        "ips":[
          {"interface":1,"address":"2001:db8::5/64","gateway":"2001:db8::1"},
          {"interface":1,"address":"10.1.2.3/24","gateway":"10.1.2.1"},
          {"interface":0,"address":"10.9.9.9/8"},
          {"address":"fd00::9/128"}]
        """;

    private const string Routes040And100 =
        """
        "routes":[
          {"dst":"0.0.0.0/0","gw":"10.1.2.1"},
          {"dst":"::/0","gw":"2001:db8::1"},
          {"dst":"192.168.0.0/16","mtu":1400,"advmss":1360,"priority":10,"table":100,"scope":253}]
        """;

    private const string Routes020Concatenated =
        """ "routes":[{"dst":"0.0.0.0/0","gw":"10.1.2.1"},{"dst":"192.168.0.0/16"},{"dst":"::/0","gw":"2001:db8::1"}] """;

    /// <summary>The family of a version, written out here rather than asked of the code under test (R41).</summary>
    public static string FamilyOf(string version) => version switch
    {
        "0.1.0" or "0.2.0" => "020",
        "0.3.0" or "0.3.1" or "0.4.0" => "040",
        "1.0.0" or "1.1.0" => "100",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, null),
    };

    /// <summary>The rich sample of <paramref name="version"/>'s family, stamped with that version.</summary>
    public static string Rich(string version) => WithVersion(version, FamilyOf(version) switch
    {
        "020" => Body020,
        "040" => Body040,
        _ => Body100,
    });

    /// <summary>What Go's converters make of <see cref="Rich"/>(<paramref name="from"/>) at <paramref name="to"/> (R42).</summary>
    public static string ExpectedConversion(string from, string to) => WithVersion(to, (FamilyOf(from), FamilyOf(to)) switch
    {
        (_, "020") => Body020,
        ("020", "040") => Body040From020,
        (_, "040") => Body040,
        ("020", "100") => Body100From020,
        ("040", "100") => Body100From040,
        _ => Body100,
    });

    public static string WithVersion(string version, string body) => $$"""{"cniVersion":"{{version}}",{{body}}}""";

    public static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();
}
