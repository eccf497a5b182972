using System.Text.Json.Nodes;

namespace CniTest.Scenarios.Configs;

/// <summary>
/// Test values for the well-known capability args (CONVENTIONS "Well-known Capabilities", checklist §3.9) that a
/// plugin declares. Values differ per attachment where a collision would be a harness mistake (host ports).
/// </summary>
public static class CapabilityArgs
{
    /// <summary>Names of the capabilities the suite fills in.</summary>
    public static IReadOnlyList<string> Known { get; } = ["portMappings", "bandwidth"];

    /// <summary>
    /// The capability arguments of attachment <paramref name="attachmentIndex"/>, by capability name, as a runtime
    /// passes them (RuntimeConf.CapabilityArgs); the runtime copies into <c>runtimeConfig</c> only those a plugin
    /// declares (R24).
    /// </summary>
    public static IReadOnlyDictionary<string, JsonNode?> Values(int attachmentIndex) =>
        Known.ToDictionary(c => c, c => Value(c, attachmentIndex));

    private static JsonNode? Value(string capability, int index) => capability switch
    {
        "portMappings" => new JsonArray(new JsonObject
        {
            ["hostPort"] = 18080 + index,
            ["containerPort"] = 80,
            ["protocol"] = "tcp",
        }),
        "bandwidth" => new JsonObject
        {
            ["ingressRate"] = 10_000_000,
            ["ingressBurst"] = 1_000_000,
            ["egressRate"] = 10_000_000,
            ["egressBurst"] = 1_000_000,
        },
        _ => null,
    };
}
