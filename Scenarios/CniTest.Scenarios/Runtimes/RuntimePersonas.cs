namespace CniTest.Scenarios.Runtimes;

/// <summary>The personas <c>--runtime</c> accepts, by name.</summary>
public static class RuntimePersonas
{
    /// <summary>cnitest's own behaviour, the default.</summary>
    public static RuntimePersona Libcni { get; } = new LibcniPersona();

    public static RuntimePersona Containerd { get; } = new ContainerdPersona();

    public static RuntimePersona Crio { get; } = new CrioPersona();

    public static RuntimePersona Podman { get; } = new PodmanPersona();

    /// <summary>Every persona, the default first.</summary>
    public static IReadOnlyList<RuntimePersona> All { get; } = [Libcni, Containerd, Crio, Podman];

    /// <summary>The names <c>--runtime</c> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    /// <summary>The persona named <paramref name="name"/> (case-insensitive); false when there is none.</summary>
    public static bool TryParse(string? name, out RuntimePersona persona)
    {
        persona = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) ?? Libcni;
        return All.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
