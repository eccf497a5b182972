using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Sandbox;

/// <summary>A container's network namespace (the <c>CNI_NETNS</c> of an attachment), owned by a <see cref="FakeHost"/>.</summary>
public sealed class ContainerSandbox : IDisposable
{
    private readonly NetworkNamespace _netns;

    internal ContainerSandbox(NetworkNamespace netns) => _netns = netns;

    /// <summary>The pin file, passed as <c>CNI_NETNS</c>.</summary>
    public string Path => _netns.Path;

    /// <summary>The kernel's name of the namespace (<c>net:[INODE]</c>), to recognise a process that keeps it alive (P75).</summary>
    public string? KernelName => _netns.KernelName;

    /// <summary>True after <see cref="Delete"/>: the path no longer names a namespace (DEL-with-netns-gone checks, P27).</summary>
    public bool IsDeleted { get; private set; }

    /// <summary>Deletes the namespace as a runtime would after a container died; its links go with it.</summary>
    public void Delete()
    {
        IsDeleted = true;
        _netns.Dispose();
    }

    /// <summary>Runs an iproute2 batch inside the sandbox (e.g. to cause drift for CHECK).</summary>
    public Task IpBatchAsync(string commands, CancellationToken ct = default) =>
        HelperCommand.RunCheckedAsync(Path, "ip", ["-batch", "-"], commands, ct);

    public void Dispose() => Delete();
}
