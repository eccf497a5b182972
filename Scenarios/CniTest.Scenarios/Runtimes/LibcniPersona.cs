using System.Text.Json.Nodes;

namespace CniTest.Scenarios.Runtimes;

/// <summary>
/// cnitest's own way, as cnitool and a bare libcni caller do: no CNI_ARGS, container ids of the form
/// <c>cnitest-CHECK-N</c>, the sandbox's pin under the run directory as <c>CNI_NETNS</c>, every verb. The default,
/// so verdicts of runs without <c>--runtime</c> are what they always were.
/// </summary>
public sealed class LibcniPersona : RuntimePersona
{
    public override string Name => "libcni";

    public override string Caller => "libcni as cnitool calls it (containernetworking/cni cnitool/cnitool.go)";

    public override IReadOnlyList<PersonaVerb> Verbs { get; } =
        [PersonaVerb.Status, PersonaVerb.Add, PersonaVerb.Check, PersonaVerb.Del, PersonaVerb.Gc];

    public override string? NetnsDirectory => null;

    public override string SandboxId(string slug, int n) => $"cnitest-{slug}-{n}";

    public override string? NetnsName(string slug, int n) => null;

    public override IReadOnlyList<KeyValuePair<string, string>> Args(PodIdentity pod) => [];

    public override IReadOnlyDictionary<string, JsonNode?> CapabilityArgs(int index, string network, PodIdentity pod) =>
        Configs.CapabilityArgs.Values(index);
}
