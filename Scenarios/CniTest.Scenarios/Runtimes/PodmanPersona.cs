using System.Text.Json.Nodes;

namespace CniTest.Scenarios.Runtimes;

/// <summary>podman (rootful) with its CNI backend, containers/common libnetwork/cni (on libcni).</summary>
/// <remarks>
/// Sources (containers/common, containers/podman):
/// <list type="bullet">
/// <item>CNI_ARGS: libnetwork/cni/run.go <c>getRuntimeConfig</c> sends IgnoreUnknown=1 and K8S_POD_NAME=the
/// container's name only (the other K8S_ keys were dropped on purpose: containers/podman#12083), then its own
/// CNI_ARGS environment, and podman's own keys MAC= (a requested static MAC) and IP= (one static address); not
/// sent here, since they pin an address or MAC.</item>
/// <item>Capabilities: portMappings (when ports are published), aliases as {network: [names]} (for dnsname), and
/// ips only for more than one static address; the persona sends portMappings and aliases.</item>
/// <item>Netns: libnetwork's pkg/netns <c>NewNS</c> pins at <c>/run/netns/netns-%x-%x-%x-%x-%x</c>
/// (GetNSRunDir for root).</item>
/// <item>Interfaces: eth0, eth1, … per network (PerNetworkOptions.InterfaceName); ids are 64 hex digits.</item>
/// <item>Verbs: Setup → AddNetworkList, Teardown → DelNetworkList; no CHECK, STATUS or GC.</item>
/// </list>
/// </remarks>
public sealed class PodmanPersona : RuntimePersona
{
    public override string Name => "podman";

    public override string Caller => "podman's CNI backend, containers/common libnetwork/cni";

    public override IReadOnlyList<PersonaVerb> Verbs { get; } = [PersonaVerb.Add, PersonaVerb.Del];

    public override string? NetnsDirectory => "/run/netns";

    public override string? NetnsName(string slug, int n) => $"netns-{Uuid($"netns/{Name}/{slug}/{n}")}";

    public override IReadOnlyList<KeyValuePair<string, string>> Args(PodIdentity pod) =>
    [
        new("IgnoreUnknown", "1"),
        new("K8S_POD_NAME", pod.Name),
    ];

    public override IReadOnlyDictionary<string, JsonNode?> CapabilityArgs(int index, string network, PodIdentity pod) =>
        new Dictionary<string, JsonNode?>(SuiteOnly(index, "portMappings"))
        {
            ["aliases"] = new JsonObject { [network] = new JsonArray(pod.Name) },
        };
}
