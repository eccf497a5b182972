using System.Net;

namespace CniTest.Scenarios.Connectivity;

/// <summary>One end of a probe: an address in a network namespace the run created, with a name for messages.</summary>
/// <param name="Name">How messages call it ("sandbox 1", "the fake host", "upstream").</param>
/// <param name="NetnsPath">The pinned network namespace the probe's socket is created in.</param>
/// <param name="Address">The address it is reached at (or sends from, when the kernel's choice is this one).</param>
public sealed record ProbeEndpoint(string Name, string NetnsPath, IPAddress Address)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any) ? Name : $"{Name} ({Address})";
}
