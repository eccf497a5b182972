using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// A container's network namespace (the <c>CNI_NETNS</c> of an attachment), owned by a <see cref="FakeHost"/>: a bare
/// pinned namespace, or the namespace of a <c>--network none</c> Docker container (<c>--sandbox docker</c>), pinned the
/// same way, so everything that uses <see cref="Path"/> works alike in both modes.
/// </summary>
public sealed class ContainerSandbox : IDisposable
{
    private readonly Action _remove;
    private int _deleted;

    internal ContainerSandbox(NetworkNamespace netns) : this(netns.Path, netns.Dispose, netns.KernelName)
    {
    }

    internal ContainerSandbox(string path, Action remove, string? kernelName = null)
    {
        Path = path;
        _remove = remove;
        KernelName = kernelName ?? NetworkNamespace.KernelNameOf(path);
    }

    /// <summary>The fake host that made it, whose action log (<c>--record</c>) sees drift and deletion; set by the host.</summary>
    internal FakeHost? Owner { get; set; }

    /// <summary>The pin's file name, unique in its fake host (<c>sandbox1</c>).</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The pin file, passed as <c>CNI_NETNS</c>.</summary>
    public string Path { get; }

    /// <summary>The Docker container whose namespace this is; null for a bare namespace (<c>--sandbox netns</c>).</summary>
    public string? ContainerId { get; init; }

    /// <summary>The kernel's name of the namespace (<c>net:[INODE]</c>), to recognise a process that keeps it alive (P75).</summary>
    public string? KernelName { get; }

    /// <summary>True after <see cref="Delete"/>: the path no longer names a namespace (DEL-with-netns-gone checks, P27).</summary>
    public bool IsDeleted => Volatile.Read(ref _deleted) != 0;

    /// <summary>Deletes the namespace as a runtime would after a container died; its links go with it.</summary>
    public void Delete()
    {
        if (Interlocked.Exchange(ref _deleted, 1) == 0)
        {
            Owner?.Actions?.OnAction(Recording.RecordedAction.SandboxDelete, this, null);
            _remove();
        }
    }

    /// <summary>Runs an iproute2 batch inside the sandbox (e.g. to cause drift for CHECK).</summary>
    public Task IpBatchAsync(string commands, CancellationToken ct = default)
    {
        Owner?.Actions?.OnAction(Recording.RecordedAction.SandboxIpBatch, this, commands);
        return HelperCommand.RunCheckedAsync(Path, "ip", ["-batch", "-"], commands, ct);
    }

    public void Dispose() => Delete();
}
