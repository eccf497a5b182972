using System.Net;
using System.Text.Json.Nodes;
using CniTest.BrokenPlugins.Tests.Support;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Sandbox;

namespace CniTest.BrokenPlugins.Tests.Probes;

/// <summary>
/// The pod network (P51, P56, P66–P71): traffic between the lab's namespaces, sent by hand (<see cref="Traffic"/>),
/// and what is left on the host after DEL. Pods get <see cref="Lab.PodConf"/>: a gateway on the host side and a
/// default route, beyond which the lab's upstream namespace answers.
/// </summary>
public static class NetworkProbes
{
    private const int Port = 7101;
    private const int HostPort = 18180;
    private const int ContainerPort = 80;

    /// <summary>P66: the pod reaches its gateway (a listener on the gateway address in the fake host), and the host reaches the pod.</summary>
    public static async Task<Evidence> PodAndGateway(Lab lab, string plugin)
    {
        var pod = await lab.AddPodAsync(plugin, lab.PodConf(plugin));
        var gateway = pod.Gateway ?? throw new InvalidOperationException($"probe precondition: the result names no gateway: {pod.Result.ToJsonString()}");

        var toGateway = await Traffic.TcpAsync(pod.Netns, lab.HostNetns, gateway, Port);
        var fromHost = await Traffic.TcpAsync(lab.HostNetns, pod.Netns, pod.Address, Port);
        return Evidence.When(!toGateway.Reached || !fromHost.Reached, $"pod {pod.Address} → its gateway: {toGateway}; host → pod: {fromHost}");
    }

    /// <summary>P67: two pods on the network connect to each other, both ways.</summary>
    public static async Task<Evidence> PodsReachEachOther(Lab lab, string plugin)
    {
        var conf = lab.PodConf(plugin);
        var p1 = await lab.AddPodAsync(plugin, conf);
        var p2 = await lab.AddPodAsync(plugin, conf);

        var there = await Traffic.TcpAsync(p1.Netns, p2.Netns, p2.Address, Port);
        var back = await Traffic.TcpAsync(p2.Netns, p1.Netns, p1.Address, Port);
        return Evidence.When(!there.Reached || !back.Reached, $"pod {p1.Address} → pod {p2.Address}: {there}; back: {back}");
    }

    /// <summary>P68: a pod receiving a connection from another pod sees that pod's own address as the source.</summary>
    public static async Task<Evidence> PodSeesPeerSource(Lab lab, string plugin)
    {
        var conf = lab.PodConf(plugin);
        var p1 = await lab.AddPodAsync(plugin, conf);
        var p2 = await lab.AddPodAsync(plugin, conf);

        var tcp = await Traffic.TcpAsync(p1.Netns, p2.Netns, p2.Address, Port);
        if (!tcp.Reached)
        {
            throw new InvalidOperationException($"probe precondition: the pods must reach each other to judge the source: {tcp}");
        }

        return Evidence.When(!p1.Address.Equals(tcp.SeenSource), $"pod {p1.Address} → pod {p2.Address}: {tcp}");
    }

    /// <summary>P69: after a small datagram gets through, one of the pod interface's full MTU with DF reaches the gateway too.</summary>
    public static async Task<Evidence> FullSizeToGateway(Lab lab, string plugin)
    {
        var pod = await lab.AddPodAsync(plugin, lab.PodConf(plugin));
        var gateway = pod.Gateway ?? throw new InvalidOperationException($"probe precondition: the result names no gateway: {pod.Result.ToJsonString()}");
        var mtu = (await NetnsView.ReadAsync(pod.Netns)).Link(pod.Attachment.IfName)?.Mtu
                  ?? throw new InvalidOperationException($"probe precondition: no {pod.Attachment.IfName} in the sandbox");
        var hostEnd = await HostEndMtuAsync(lab, pod);

        var small = await Traffic.UdpAsync(pod.Netns, lab.HostNetns, gateway, Port, 32, dontFragment: true);
        if (!small.Reached)
        {
            throw new InvalidOperationException($"probe precondition: a small datagram must reach the gateway: {small}");
        }

        var full = await Traffic.UdpAsync(pod.Netns, lab.HostNetns, gateway, Port + 1, mtu - 28, dontFragment: true);
        return Evidence.When(!full.Reached, $"pod MTU {mtu}, host end MTU {hostEnd}; {small}; {full}");
    }

    /// <summary>P70: the pod connects to the upstream namespace beyond the fake host.</summary>
    public static async Task<Evidence> EgressReaches(Lab lab, string plugin)
    {
        var pod = await lab.AddPodAsync(plugin, lab.PodConf(plugin));
        var upstream = await lab.UpstreamAsync();

        var tcp = await Traffic.TcpAsync(pod.Netns, upstream.Namespace.Path, Upstream.Address4, Port);
        return Evidence.When(!tcp.Reached, $"pod {pod.Address} → upstream: {tcp}");
    }

    /// <summary>P56: with <c>ipMasq: true</c>, upstream sees the pod's connection come from the node's address, not the pod's.</summary>
    public static async Task<Evidence> EgressMasqueraded(Lab lab, string plugin)
    {
        var pod = await lab.AddPodAsync(plugin, lab.PodConf(plugin, ipMasq: true));
        var upstream = await lab.UpstreamAsync();

        var tcp = await Traffic.TcpAsync(pod.Netns, upstream.Namespace.Path, Upstream.Address4, Port);
        if (!tcp.Reached)
        {
            throw new InvalidOperationException($"probe precondition: the pod must reach upstream to judge the source: {tcp}");
        }

        return Evidence.When(!Upstream.HostAddress4.Equals(tcp.SeenSource), $"pod {pod.Address} → upstream with ipMasq: {tcp} (the node's address is {Upstream.HostAddress4})");
    }

    /// <summary>P51: chained after the reference bridge, a client upstream dialling host:hostPort lands on containerPort in the pod.</summary>
    public static async Task<Evidence> HostPortLeadsToPod(Lab lab, string plugin)
    {
        var bridge = Path.Combine(Privileges.ReferencePluginDir, "bridge");
        var pod = await lab.AddPodAsync(bridge, lab.PodConf(bridge));
        var conf = JsonNode.Parse(Lab.ChainedConf(plugin, pod.Result))!.AsObject();
        conf["capabilities"] = new JsonObject { ["portMappings"] = true };
        conf["runtimeConfig"] = new JsonObject
        {
            ["portMappings"] = new JsonArray(new JsonObject { ["hostPort"] = HostPort, ["containerPort"] = ContainerPort, ["protocol"] = "tcp" }),
        };
        var add = await lab.CallAsync(plugin, CniCommand.Add, conf.ToJsonString(), pod.Attachment);
        if (!add.Succeeded)
        {
            throw new InvalidOperationException($"probe precondition: chained ADD failed: {add.Describe()}");
        }

        var upstream = await lab.UpstreamAsync();
        var tcp = await Traffic.TcpAsync(upstream.Namespace.Path, pod.Netns, IPAddress.Any, ContainerPort, new IPEndPoint(Upstream.HostAddress4, HostPort));
        return Evidence.When(!tcp.Reached, $"hostPort {HostPort} → pod {pod.Address} port {ContainerPort}: {tcp}");
    }

    /// <summary>P71: after ADD and DEL the fake host has no route for the pod's address.</summary>
    public static async Task<Evidence> RouteAfterDel(Lab lab, string plugin)
    {
        var conf = lab.PodConf(plugin);
        var pod = await lab.AddPodAsync(plugin, conf);

        var del = await lab.CallAsync(plugin, CniCommand.Del, conf, pod.Attachment);
        var routes = (await HelperCommand.RunCheckedAsync(lab.HostNetns, "ip", ["-4", "route", "show", "table", "all", "exact", $"{pod.Address}/32"])).Trim();
        return Evidence.When(del.Succeeded && routes.Length > 0, $"{del.Describe()}; host routes for {pod.Address}/32 after DEL: [{routes}]");
    }

    /// <summary>The MTU of the host's end of the pod's veth (for the message), or null when there is none.</summary>
    private static async Task<int?> HostEndMtuAsync(Lab lab, Pod pod)
    {
        var links = await HelperCommand.RunCheckedAsync(pod.Netns, "ip", ["-j", "link", "show", "dev", pod.Attachment.IfName]);
        var peer = JsonNode.Parse(links)?[0]?["link_index"]?.GetValue<int>();
        var host = JsonNode.Parse(await HelperCommand.RunCheckedAsync(lab.HostNetns, "ip", ["-j", "link", "show"]))!.AsArray();
        return host.FirstOrDefault(l => l?["ifindex"]?.GetValue<int>() == peer)?["mtu"]?.GetValue<int>();
    }
}
