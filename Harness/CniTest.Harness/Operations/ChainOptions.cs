using CniTest.Harness.Config;

namespace CniTest.Harness.Operations;

/// <summary>
/// How one traced operation over a list departs from what libcni does. A runtime leaves every property at its
/// default. The conformance suite sets them to put a plugin in situations the spec describes (DEL without
/// prevResult, a partner that speaks an older version) while everything else (request building, chain order,
/// result conversion, cache, observers) stays the runtime's own.
/// </summary>
public sealed record ChainOptions
{
    /// <summary>libcni's behaviour: no departures.</summary>
    public static ChainOptions Default { get; } = new();

    /// <summary>CHECK and DEL send no <c>prevResult</c>, whatever the cache holds (P28: DEL must cope without one).</summary>
    public bool OmitPrevResult { get; init; }

    /// <summary>ADD writes the final result to the cache on success (R37). False for a partial chain that is set up only to call a plugin by hand.</summary>
    public bool UpdateCache { get; init; } = true;

    /// <summary>
    /// The <c>cniVersion</c> sent to one plugin; null sends the list's to every plugin (libcni). Results are converted
    /// between the plugins' versions on the way through the chain (checklist §5.6), so a partner that stops at an
    /// older version can still run beside a plugin tested at a newer one.
    /// </summary>
    public Func<PluginConfig, string>? VersionFor { get; init; }

    /// <summary>
    /// The executable of one plugin; null looks its <c>type</c> up on the runtime's plugin path (R19). Used to call
    /// an IPAM plugin directly with its parent's configuration, as the parent would delegate to it (SPEC §4,
    /// Go's <c>invoke.DelegateAdd</c>).
    /// </summary>
    public Func<PluginConfig, string>? BinaryFor { get; init; }
}
