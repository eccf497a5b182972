using System.Text.Json.Nodes;

namespace CniTest.Scenarios.Runtimes;

/// <summary>CRI-O, which calls plugins through cri-o/ocicni (itself on libcni).</summary>
/// <remarks>
/// Sources (cri-o/ocicni, cri-o/cri-o):
/// <list type="bullet">
/// <item>CNI_ARGS: ocicni pkg/ocicni/ocicni.go <c>buildCNIRuntimeConf</c> sends, in this order, IgnoreUnknown=1,
/// K8S_POD_NAMESPACE, K8S_POD_NAME, K8S_POD_INFRA_CONTAINER_ID, K8S_POD_UID, then the pairs of its own CNI_ARGS
/// environment and IP= / MAC= only when a static address was requested (not sent here).</item>
/// <item>Capabilities: the same function sends portMappings, bandwidth, ipRanges, aliases, cgroupPath and
/// <c>io.kubernetes.cri.pod-annotations</c> when CRI-O has them; the persona sends portMappings, bandwidth,
/// cgroupPath and the pod annotations, what a pod with host ports and a bandwidth limit gets.</item>
/// <item>Netns: internal/config/nsmgr/nsmgr_linux.go <c>NewPodNamespaces</c> pins at
/// <c>NAMESPACES_DIR/netns/UUID</c> (uuid.New()), with namespaces_dir /var/run by default: <c>/var/run/netns/UUID</c>.</item>
/// <item>Interfaces: ocicni's DefaultInterfaceName eth0 (pkg/ocicni/types.go); ids are 64 hex digits.</item>
/// <item>Verbs: ocicni's <c>Status</c> sends STATUS of the default network (GetStatusNetworkList); SetUpPod ADD;
/// <c>GetPodNetworkStatus</c> → <c>checkNetwork</c> sends CHECK when the config's version is at least 0.4.0;
/// TearDownPod DEL; <c>GC</c> DELs stale cached attachments, then sends GC with the valid ones.</item>
/// </list>
/// </remarks>
public sealed class CrioPersona : RuntimePersona
{
    public override string Name => "crio";

    public override string Caller => "CRI-O through cri-o/ocicni";

    public override IReadOnlyList<PersonaVerb> Verbs { get; } =
        [PersonaVerb.Status, PersonaVerb.Add, PersonaVerb.Check, PersonaVerb.Del, PersonaVerb.Gc];

    public override string? NetnsDirectory => "/var/run/netns";

    public override string? NetnsName(string slug, int n) => Uuid($"netns/{Name}/{slug}/{n}");

    public override IReadOnlyList<KeyValuePair<string, string>> Args(PodIdentity pod) =>
    [
        new("IgnoreUnknown", "1"),
        new("K8S_POD_NAMESPACE", pod.Namespace),
        new("K8S_POD_NAME", pod.Name),
        new("K8S_POD_INFRA_CONTAINER_ID", pod.SandboxId),
        new("K8S_POD_UID", pod.Uid),
    ];

    public override IReadOnlyDictionary<string, JsonNode?> CapabilityArgs(int index, string network, PodIdentity pod) =>
        Suite(index,
            ("cgroupPath", $"/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod{pod.Uid.Replace('-', '_')}.slice"),
            ("io.kubernetes.cri.pod-annotations", PodAnnotations(pod)));
}
