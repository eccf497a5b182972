namespace CniTest.Harness.Schemas;

/// <summary>
/// The CNI messages cnitest has a JSON Schema for (checklist §3). Each kind exists for every spec version in
/// <see cref="SchemaCatalog.Versions"/> unless the version lacks the message (STATUS/GC requests: 1.1.0 only;
/// the VERSION reply: 0.2.0 and later).
/// </summary>
public enum SchemaKind
{
    /// <summary>A plugin configuration object, or a legacy single-plugin <c>.conf</c> (§3.2).</summary>
    NetConf,
    /// <summary>A network configuration list, <c>.conflist</c> (§3.1; 0.3.0 and later).</summary>
    NetConfList,
    /// <summary>The configuration a plugin reads on stdin for ADD/DEL/CHECK, with <c>prevResult</c>/<c>runtimeConfig</c> (§3.3).</summary>
    Request,
    /// <summary>The ADD result an interface plugin prints (§3.4).</summary>
    Result,
    /// <summary>The abbreviated result of a delegated IPAM plugin (§3.5).</summary>
    IpamResult,
    /// <summary>The error object printed on failure (§3.6).</summary>
    Error,
    /// <summary>The reply to VERSION (§3.7; 0.2.0 and later).</summary>
    VersionReply,
    /// <summary>The STATUS request on stdin (§3.3; 1.1.0).</summary>
    StatusRequest,
    /// <summary>The GC request on stdin with <c>cni.dev/valid-attachments</c> / <c>cni.dev/attachments</c> (§3.3; 1.1.0).</summary>
    GcRequest,
}
