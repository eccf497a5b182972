using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CniTest.Scenarios.Runtimes;

/// <summary>The verbs a runtime sends over one pod's life (the ones it sends at all, in its order).</summary>
public enum PersonaVerb
{
    /// <summary>STATUS of the network before pods are attached (SPEC 1.1, from 1.1.0).</summary>
    Status,
    Add,
    /// <summary>CHECK of a running pod (from 0.4.0, unless the list sets disableCheck).</summary>
    Check,
    Del,
    /// <summary>GC of the network with the live attachments (SPEC 1.1, from 1.1.0).</summary>
    Gc,
}

/// <summary>The Kubernetes (or podman) identity of the pod an attachment belongs to, which runtimes put in CNI_ARGS.</summary>
/// <param name="Namespace">The pod's namespace (<c>K8S_POD_NAMESPACE</c>).</param>
/// <param name="Name">The pod's or container's name (<c>K8S_POD_NAME</c>).</param>
/// <param name="Uid">The pod's UID (<c>K8S_POD_UID</c>), a UUID.</param>
/// <param name="SandboxId">The sandbox (infra container) id, also <c>CNI_CONTAINERID</c>.</param>
public sealed record PodIdentity(string Namespace, string Name, string Uid, string SandboxId);

/// <summary>
/// How one container runtime calls CNI plugins: the CNI_ARGS it sends, the shape of its container ids and network
/// namespace paths, the interface names, the capability arguments it fills in and the verbs it uses. The suite's
/// requests are still built by the Harness's runtime (<c>RuntimeConf</c>, R24, R25): a persona only chooses the
/// values a real runtime would put there. Each subclass cites the runtime source every choice relies on.
/// </summary>
public abstract class RuntimePersona
{
    /// <summary>The <c>--runtime</c> name.</summary>
    public abstract string Name { get; }

    /// <summary>Which component of the runtime calls the plugins (for reports and the README table).</summary>
    public abstract string Caller { get; }

    /// <summary>The verbs this runtime sends, in the order of one pod's life.</summary>
    public abstract IReadOnlyList<PersonaVerb> Verbs { get; }

    /// <summary>
    /// The directory the runtime pins network namespaces in, as plugins see it; null for cnitest's own pin path
    /// (the libcni persona).
    /// </summary>
    public abstract string? NetnsDirectory { get; }

    /// <summary>True when the runtime ever sends <paramref name="verb"/>.</summary>
    public bool Sends(PersonaVerb verb) => Verbs.Contains(verb);

    /// <summary>The pod identity of attachment <paramref name="n"/> of check <paramref name="slug"/>.</summary>
    public PodIdentity Pod(string slug, int n) =>
        new("cnitest", $"{slug}-{n}", Uuid($"uid/{slug}/{n}"), SandboxId(slug, n));

    /// <summary><c>CNI_CONTAINERID</c>: by default a 64-digit hex id, the shape of every OCI runtime's sandbox id.</summary>
    public virtual string SandboxId(string slug, int n) => Hex($"id/{Name}/{slug}/{n}", 32);

    /// <summary>The file name of the sandbox's network namespace pin; null for cnitest's own (libcni persona).</summary>
    public abstract string? NetnsName(string slug, int n);

    /// <summary><c>CNI_IFNAME</c> of the runtime's <paramref name="index"/>-th network (0-based).</summary>
    public virtual string IfName(int index) => $"eth{index}";

    /// <summary>The CNI_ARGS pairs, in the order the runtime sends them.</summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>> Args(PodIdentity pod);

    /// <summary>
    /// The capability arguments of attachment <paramref name="index"/> (RuntimeConf.CapabilityArgs); the Harness
    /// copies into <c>runtimeConfig</c> only those the plugin declares (R24). Host ports stay the suite's
    /// (<see cref="Configs.CapabilityArgs"/>), so the host-port probe finds them under every persona.
    /// </summary>
    public abstract IReadOnlyDictionary<string, JsonNode?> CapabilityArgs(int index, string network, PodIdentity pod);

    public override string ToString() => Name;

    /// <summary>A UUID-shaped string (8-4-4-4-12 hex), derived from <paramref name="seed"/> so runs are reproducible.</summary>
    protected static string Uuid(string seed)
    {
        var h = Hex(seed, 16);
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..32]}";
    }

    /// <summary>Lower-case hex of the first <paramref name="bytes"/> bytes of SHA-256(<paramref name="seed"/>).</summary>
    protected static string Hex(string seed, int bytes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, bytes));

    /// <summary>The suite's capability values, with <paramref name="extra"/> added or replacing them.</summary>
    protected static IReadOnlyDictionary<string, JsonNode?> Suite(int index, params (string Name, JsonNode? Value)[] extra)
    {
        var caps = new Dictionary<string, JsonNode?>(Configs.CapabilityArgs.Values(index));
        foreach (var (name, value) in extra)
        {
            caps[name] = value;
        }

        return caps;
    }

    /// <summary>The suite's values of only the named capabilities (a runtime that sends fewer).</summary>
    protected static IReadOnlyDictionary<string, JsonNode?> SuiteOnly(int index, params string[] names) =>
        Configs.CapabilityArgs.Values(index).Where(c => names.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value);

    /// <summary>Pod annotations as the CRI runtimes pass them (<c>io.kubernetes.cri.pod-annotations</c>).</summary>
    protected static JsonObject PodAnnotations(PodIdentity pod) => new()
    {
        ["io.kubernetes.pod.name"] = pod.Name,
        ["io.kubernetes.pod.namespace"] = pod.Namespace,
        ["io.kubernetes.pod.uid"] = pod.Uid,
    };
}
