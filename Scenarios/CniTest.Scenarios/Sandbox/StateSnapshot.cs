namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// The observable network state of one namespace plus the plugin state files of a fake host, as a set of
/// normalised one-line items ("link veth1a2b kind=veth master=cni0 up", "addr eth0 10.99.0.2/24",
/// "nft ip nat CNI-HOSTPORT-DNAT …", "file /run/cni/tuning/c1-eth0"). Two snapshots diff as sets; volatile
/// details (counters, MACs, link indexes, link-local IPv6, the loopback addresses the kernel manages) are left out
/// so that equal state compares equal.
/// </summary>
public sealed class StateSnapshot
{
    private StateSnapshot(IReadOnlySet<string> items) => Items = items;

    public IReadOnlySet<string> Items { get; }

    /// <summary>Items in <paramref name="later"/> that are not in this snapshot.</summary>
    public IReadOnlyList<string> AddedIn(StateSnapshot later) => [.. later.Items.Where(i => !Items.Contains(i)).Order(StringComparer.Ordinal)];

    /// <summary>Items of this snapshot that <paramref name="later"/> no longer has.</summary>
    public IReadOnlyList<string> RemovedIn(StateSnapshot later) => [.. Items.Where(i => !later.Items.Contains(i)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Snapshot of links, addresses, routes, iptables, ip6tables (where the kernel has IPv6) and nft rules in a
    /// namespace, plus files under <paramref name="fileRoots"/>. With the nft backend of iptables the nft ruleset
    /// already shows both families; ip6tables-save covers the legacy backend.
    /// </summary>
    /// <param name="netnsPath">The namespace to read (read-only commands only); null reads this process's own.</param>
    /// <param name="fileRoots">Directories whose files are plugin state (IPAM data, private /var/lib and /run).</param>
    /// <param name="withRules">Also read iptables-save, ip6tables-save and nft (costs two or three more processes).</param>
    /// <param name="ct">Cancels the helper commands.</param>
    public static async Task<StateSnapshot> TakeAsync(string? netnsPath, IReadOnlyList<string> fileRoots, bool withRules = true,
        CancellationToken ct = default)
    {
        var items = new HashSet<string>(StringComparer.Ordinal);
        var viewTask = NetnsView.ReadAsync(netnsPath, ct);
        Task<CommandOutput>? iptables = null, ip6tables = null, nft = null;
        if (withRules)
        {
            iptables = HelperCommand.RunAsync(netnsPath, "iptables-save", [], null, ct);
            ip6tables = Model.IpFamilies.KernelSupportsIpv6 ? HelperCommand.RunAsync(netnsPath, "ip6tables-save", [], null, ct) : null;
            nft = HelperCommand.RunAsync(netnsPath, "nft", ["list", "ruleset"], null, ct);
        }

        AddIpItems(await viewTask, items);
        if (iptables is not null && nft is not null)
        {
            AddIptablesItems((await iptables).Stdout, items);
            if (ip6tables is not null)
            {
                AddIptablesItems((await ip6tables).Stdout, items, tool: "ip6tables");
            }

            AddNftItems((await nft).Stdout, items);
        }

        AddFileItems(fileRoots, items);
        return new StateSnapshot(items);
    }

    /// <summary>
    /// One iptables table of a namespace as snapshot items: its rules ("iptables nat -A POSTROUTING …") and the chains
    /// someone created in it ("iptables nat chain CNI-…"). The table's built-in chains are left out, so a table nobody
    /// touched gives an empty list. Sorted ordinally; one <c>iptables-save -t TABLE</c>.
    /// </summary>
    /// <param name="netnsPath">The namespace to read; null reads this process's own.</param>
    /// <param name="table">The iptables table (nat, filter, mangle, …).</param>
    /// <param name="ct">Cancels the helper command.</param>
    public static Task<IReadOnlyList<string>> IptablesAsync(string? netnsPath, string table, CancellationToken ct = default) =>
        RulesAsync("iptables", netnsPath, table, ct);

    /// <summary>The same as <see cref="IptablesAsync"/> for IPv6: one <c>ip6tables-save -t TABLE</c>, items "ip6tables nat …".</summary>
    /// <param name="netnsPath">The namespace to read; null reads this process's own.</param>
    /// <param name="table">The ip6tables table (nat, filter, mangle, …).</param>
    /// <param name="ct">Cancels the helper command.</param>
    public static Task<IReadOnlyList<string>> Ip6tablesAsync(string? netnsPath, string table, CancellationToken ct = default) =>
        RulesAsync("ip6tables", netnsPath, table, ct);

    private static async Task<IReadOnlyList<string>> RulesAsync(string tool, string? netnsPath, string table, CancellationToken ct)
    {
        var items = new HashSet<string>(StringComparer.Ordinal);
        AddIptablesItems(await HelperCommand.RunCheckedAsync(netnsPath, tool + "-save", ["-t", table], ct: ct), items, builtInChains: false, tool);
        return [.. items.Order(StringComparer.Ordinal)];
    }

    /// <summary>Only the state files (no processes): cheap, for IPAM release checks.</summary>
    public static StateSnapshot Files(IReadOnlyList<string> fileRoots)
    {
        var items = new HashSet<string>(StringComparer.Ordinal);
        AddFileItems(fileRoots, items);
        return new StateSnapshot(items);
    }

    /// <summary>Builds a snapshot from items (tests).</summary>
    internal static StateSnapshot Of(params string[] items) => new(new HashSet<string>(items, StringComparer.Ordinal));

    internal static void AddIpItems(NetnsView view, HashSet<string> items)
    {
        foreach (var link in view.Links)
        {
            items.Add($"link {link.Name} kind={link.Kind ?? link.LinkType}{(link.Master is { Length: > 0 } m ? " master=" + m : "")}{(link.Up ? " up" : "")}");
        }

        foreach (var addr in view.Addresses)
        {
            if (addr.Scope == "link" || (addr.Link == "lo" && addr.Cidr is "127.0.0.1/8" or "::1/128"))
            {
                continue; // kernel-managed: link-local IPv6 and the loopback addresses set when lo goes up
            }

            items.Add($"addr {addr.Link} {addr.Cidr}");
        }

        foreach (var route in view.Routes)
        {
            var dst = route.IsDefault ? "default" : route.Dst; // the leak diff shows routes as ip prints them
            var type = route.Type ?? "";
            if (route.Table == "local" || type is "multicast" or "broadcast" || dst.StartsWith("fe80::", StringComparison.Ordinal)
                || dst.StartsWith("ff00::", StringComparison.Ordinal))
            {
                continue; // kernel-managed companions of addresses and links
            }

            var via = route.Gateway ?? "";
            var table = route.Table ?? "";
            items.Add($"route {(type.Length > 0 ? type + " " : "")}{dst}{(via.Length > 0 ? " via " + via : "")} dev {route.Dev}" +
                      $"{(table.Length > 0 ? " table " + table : "")} proto {route.Protocol ?? "boot"}");
        }
    }

    internal static void AddIptablesItems(string save, HashSet<string> items, bool builtInChains = true, string tool = "iptables")
    {
        var table = "";
        foreach (var raw in save.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('*'))
            {
                table = line[1..];
            }
            else if (line.StartsWith(':'))
            {
                var chain = line[1..].Split(' '); // ":NAME POLICY [packets:bytes]"; a chain someone created has policy "-"
                if (builtInChains || chain.ElementAtOrDefault(1) == "-")
                {
                    items.Add($"{tool} {table} chain {chain[0]}");
                }
            }
            else if (line.StartsWith("-A", StringComparison.Ordinal))
            {
                items.Add($"{tool} {table} {line}");
            }
        }
    }

    internal static void AddNftItems(string ruleset, HashSet<string> items)
    {
        var context = new List<string>();
        foreach (var raw in ruleset.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('{'))
            {
                context.Add(line[..^1].Trim());
                items.Add("nft " + string.Join(" / ", context));
            }
            else if (line == "}")
            {
                if (context.Count > 0)
                {
                    context.RemoveAt(context.Count - 1);
                }
            }
            else
            {
                items.Add("nft " + string.Join(" / ", context) + " : " + StripCounters(line));
            }
        }
    }

    internal static void AddFileItems(IReadOnlyList<string> roots, HashSet<string> items)
    {
        foreach (var root in roots.Where(Directory.Exists))
        {
            var label = root.EndsWith("/upper", StringComparison.Ordinal)
                ? "/" + Path.GetFileName(Path.GetDirectoryName(root))!.Replace('-', '/')
                : Path.GetFileName(root);
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetFileName(file);
                if (name == "lock" || name.StartsWith("last_reserved_ip", StringComparison.Ordinal) || name == "xtables.lock")
                {
                    continue; // host-local's lock and cursor files and iptables' lock are not allocations
                }

                items.Add($"file {label}/{Path.GetRelativePath(root, file)}");
            }
        }
    }

    private static string StripCounters(string rule) =>
        System.Text.RegularExpressions.Regex.Replace(rule, @"counter packets \d+ bytes \d+", "counter");
}
