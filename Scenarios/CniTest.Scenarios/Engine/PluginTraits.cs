namespace CniTest.Scenarios.Engine;

/// <summary>
/// What the first ADD showed about the plugin, so checks judge it by what it claims (issue 5: "judge an
/// interface by what its result says, not by an assumed eth0 + IP").
/// </summary>
/// <param name="IfName">The <c>CNI_IFNAME</c> the checks use.</param>
/// <param name="CreatesInterface">The plugin creates the interface named by <c>CNI_IFNAME</c> in the sandbox.</param>
/// <param name="ExistingInterface">
/// Set when the plugin only configures an interface that already exists in every sandbox and ignores
/// <c>CNI_IFNAME</c> (loopback-style): the checks then call it with that name, as runtimes do.
/// </param>
public sealed record PluginTraits(string IfName, bool CreatesInterface, string? ExistingInterface)
{
    public static PluginTraits Default { get; } = new("eth0", true, null);

    /// <summary>For chained and IPAM plugins: the interface is someone else's.</summary>
    public static PluginTraits NotCreating { get; } = new("eth0", false, null);
}
