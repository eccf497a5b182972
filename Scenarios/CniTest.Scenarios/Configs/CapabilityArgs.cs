using System.Text.Json.Nodes;

namespace CniTest.Scenarios.Configs;

/// <summary>
/// Test values for the well-known capability args (CONVENTIONS "Well-known Capabilities", checklist §3.9) that a
/// plugin declares. Values differ per attachment where a collision would be a harness mistake (host ports).
/// </summary>
public static class CapabilityArgs
{
    /// <summary>The <c>runtimeConfig</c> for <paramref name="member"/>, or null when it declares none we can fill.</summary>
    public static JsonObject? For(ChainMember member, int attachmentIndex)
    {
        var config = new JsonObject();
        foreach (var cap in member.Capabilities)
        {
            var value = Value(cap, attachmentIndex);
            if (value is not null)
            {
                config[cap] = value;
            }
        }

        return config.Count > 0 ? config : null;
    }

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
