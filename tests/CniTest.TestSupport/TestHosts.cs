using System.Net;
using CniTest.Scenarios.Sandbox;

namespace CniTest.TestSupport;

/// <summary>
/// The product's <see cref="FakeHost"/> as the tests use it: each in a private directory of its own under the temp
/// directory (not a <c>cnitest-run-*</c> run directory, which the machine-state checks attribute to a cnitest run),
/// removed with everything in it on dispose.
/// </summary>
public static class TestHosts
{
    /// <summary>How long one plugin call in a test may take before it is killed.</summary>
    public static readonly TimeSpan PluginTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates a fake host in <c>/tmp/PREFIX…</c>, with veth pairs named <paramref name="masterLinks"/> if any.</summary>
    /// <param name="prefix">Names the test project that made it, so a leftover says where it came from.</param>
    /// <param name="masterLinks">Links to create as <c>master</c> candidates (none by default).</param>
    /// <param name="ct">Cancels the set-up.</param>
    public static Task<FakeHost> CreateAsync(string prefix = "cnitest-it-", IReadOnlyList<string>? masterLinks = null,
        CancellationToken ct = default) =>
        FakeHost.CreateAsync(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12], masterLinks ?? [], ct);

    /// <summary>
    /// Reservation files under the host's private IPAM dir: those named by their address, so neither host-local's
    /// lock and last_reserved_ip.N nor cnitest-ipam's index files count. Sorted.
    /// </summary>
    public static IReadOnlyList<string> IpamReservations(this FakeHost host) =>
        Directory.Exists(host.IpamDir)
            ? Directory.GetFiles(host.IpamDir, "*", SearchOption.AllDirectories)
                .Select(Path.GetFileName).OfType<string>()
                .Where(f => IPAddress.TryParse(f, out _)).Order().ToList()
            : [];
}
