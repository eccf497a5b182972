namespace CniTest.Harness.Schemas;

/// <summary>Names of <see cref="SchemaKind"/>s as they appear in file names and on the command line.</summary>
public static class SchemaKinds
{
    /// <summary>The kind's file stem, e.g. <c>ipam-result</c> for <c>schemas/1.1.0/ipam-result.schema.json</c>.</summary>
    public static string FileName(SchemaKind kind) => kind switch
    {
        // A switch, not a dictionary: an enum-keyed dictionary is generic code the CLI would JIT-compile on every start.
        SchemaKind.NetConf => "netconf",
        SchemaKind.NetConfList => "netconflist",
        SchemaKind.Request => "request",
        SchemaKind.Result => "result",
        SchemaKind.IpamResult => "ipam-result",
        SchemaKind.Error => "error",
        SchemaKind.VersionReply => "version-reply",
        SchemaKind.StatusRequest => "status-request",
        SchemaKind.GcRequest => "gc-request",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a schema kind"),
    };

    /// <summary>
    /// Reads a kind from its file stem (<c>ipam-result</c>) or its enum name (<c>IpamResult</c>), ignoring case.
    /// </summary>
    public static bool TryParse(string? text, out SchemaKind kind)
    {
        foreach (var k in SchemaCatalog.Kinds)
        {
            var name = FileName(k);
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
