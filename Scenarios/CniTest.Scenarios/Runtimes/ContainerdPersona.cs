using System.Text.Json.Nodes;

namespace CniTest.Scenarios.Runtimes;

/// <summary>
/// containerd's CRI plugin, which calls plugins through containerd/go-cni (itself on libcni).
/// </summary>
/// <remarks>
/// Sources (containerd/containerd, containerd/go-cni):
/// <list type="bullet">
/// <item>CNI_ARGS: internal/cri/server/sandbox_run.go <c>toCNILabels</c> puts K8S_POD_NAMESPACE, K8S_POD_NAME,
/// K8S_POD_INFRA_CONTAINER_ID (the sandbox id), K8S_POD_UID and IgnoreUnknown=1 in a Go map, and go-cni
/// namespace.go <c>config</c> appends the map's pairs in map order, i.e. in no fixed order: IgnoreUnknown is not
/// necessarily first, so it is sent last here.</item>
/// <item>Capabilities: sandbox_run.go <c>cniNamespaceOpts</c> always sends <c>io.kubernetes.cri.pod-annotations</c>;
/// portMappings (with hostIP only when set), <c>bandwidth</c> from the pod's bandwidth annotations with both
/// bursts set to math.MaxUint32 (<c>toCNIBandWidth</c>), <c>dns</c> from the pod's DNS config and
/// <c>cgroupPath</c> from the cgroup parent. The persona sends all of them, as for a pod that has each.</item>
/// <item>Netns: pkg/netns/netns_linux.go <c>newNS</c> pins at <c>/var/run/netns/cni-%x-%x-%x-%x-%x</c> of 16
/// random bytes.</item>
/// <item>Ids and interfaces: the sandbox id is 64 hex digits; go-cni names the interfaces eth0, eth1, …
/// (prefix "eth" plus the network's index).</item>
/// <item>Verbs: go-cni's Setup and Remove (ADD, DEL over each network). go-cni has a Check, which the CRI plugin's
/// sandbox lifecycle does not call, and go-cni's Status only checks that configs were loaded (no CNI STATUS); no
/// GC.</item>
/// </list>
/// </remarks>
public sealed class ContainerdPersona : RuntimePersona
{
    /// <summary>go-cni's bandwidth burst for a rate limit: math.MaxUint32 (sandbox_run.go toCNIBandWidth).</summary>
    public const long MaxUint32Burst = uint.MaxValue;

    public override string Name => "containerd";

    public override string Caller => "containerd's CRI plugin through containerd/go-cni";

    public override IReadOnlyList<PersonaVerb> Verbs { get; } = [PersonaVerb.Add, PersonaVerb.Del];

    public override string? NetnsDirectory => "/var/run/netns";

    public override string? NetnsName(string slug, int n) => $"cni-{Uuid($"netns/{Name}/{slug}/{n}")}";

    public override IReadOnlyList<KeyValuePair<string, string>> Args(PodIdentity pod) =>
    [
        new("K8S_POD_NAMESPACE", pod.Namespace),
        new("K8S_POD_NAME", pod.Name),
        new("K8S_POD_INFRA_CONTAINER_ID", pod.SandboxId),
        new("K8S_POD_UID", pod.Uid),
        new("IgnoreUnknown", "1"),
    ];

    public override IReadOnlyDictionary<string, JsonNode?> CapabilityArgs(int index, string network, PodIdentity pod) =>
        Suite(index,
            ("bandwidth", new JsonObject
            {
                ["ingressRate"] = 10_000_000,
                ["ingressBurst"] = MaxUint32Burst,
                ["egressRate"] = 10_000_000,
                ["egressBurst"] = MaxUint32Burst,
            }),
            ("dns", new JsonObject
            {
                ["servers"] = new JsonArray("10.96.0.10"),
                ["searches"] = new JsonArray($"{pod.Namespace}.svc.cluster.local", "svc.cluster.local", "cluster.local"),
                ["options"] = new JsonArray("ndots:5"),
            }),
            ("cgroupPath", $"/kubepods/besteffort/pod{pod.Uid}"),
            ("io.kubernetes.cri.pod-annotations", PodAnnotations(pod)));
}
