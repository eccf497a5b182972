using System.Net;

namespace CniTest.Scenarios.Connectivity;

/// <summary>What one probe sent, and what came back: the first lines of a connectivity failure's message.</summary>
/// <param name="Reached">True when the answer the probe waits for came back.</param>
/// <param name="Sent">What was sent, from where to where ("ICMP echo, 56 bytes, sandbox 1 (10.99.0.2) → 10.99.0.1").</param>
/// <param name="Answer">What came back ("echo reply", "nothing within 1 s", "ICMP destination unreachable", "a reset").</param>
/// <param name="SeenSource">The source address the receiver saw (TCP and UDP), for the no-NAT checks.</param>
public sealed record ProbeOutcome(bool Reached, string Sent, string Answer, IPAddress? SeenSource = null)
{
    /// <summary>
    /// How long a probe waits for its answer. A working path answers in milliseconds; the bound is generous so a
    /// loaded 2-core CI machine never turns a slow answer into a verdict.
    /// </summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public override string ToString() => $"{Sent}: {Answer}";
}
