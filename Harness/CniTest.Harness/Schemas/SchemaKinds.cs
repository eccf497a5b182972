namespace CniTest.Harness.Schemas;

/// <summary>Names of <see cref="SchemaKind"/>s as they appear in file names and on the command line.</summary>
public static class SchemaKinds
{
    private static readonly IReadOnlyDictionary<SchemaKind, string> Names = new Dictionary<SchemaKind, string>
    {
        [SchemaKind.NetConf] = "netconf",
        [SchemaKind.NetConfList] = "netconflist",
        [SchemaKind.Request] = "request",
        [SchemaKind.Result] = "result",
        [SchemaKind.IpamResult] = "ipam-result",
        [SchemaKind.Error] = "error",
        [SchemaKind.VersionReply] = "version-reply",
        [SchemaKind.StatusRequest] = "status-request",
        [SchemaKind.GcRequest] = "gc-request",
    };

    /// <summary>The kind's file stem, e.g. <c>ipam-result</c> for <c>schemas/1.1.0/ipam-result.schema.json</c>.</summary>
    public static string FileName(SchemaKind kind) => Names[kind];

    /// <summary>
    /// Reads a kind from its file stem (<c>ipam-result</c>) or its enum name (<c>IpamResult</c>), ignoring case.
    /// </summary>
    public static bool TryParse(string? text, out SchemaKind kind)
    {
        foreach (var (k, name) in Names)
        {
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(text, k.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
