using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Sandbox;

/// <summary>A container's network namespace (the <c>CNI_NETNS</c> of an attachment), owned by a <see cref="FakeHost"/>.</summary>
public sealed class ContainerSandbox : IDisposable
{
    private readonly NetworkNamespace _netns;
    private readonly FakeHost? _owner;

    internal ContainerSandbox(NetworkNamespace netns, FakeHost? owner = null)
    {
        _netns = netns;
        _owner = owner;
    }

    /// <summary>The pin's file name, unique in its fake host (<c>sandbox1</c>).</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The pin file, passed as <c>CNI_NETNS</c>.</summary>
    public string Path => _netns.Path;

    /// <summary>True after <see cref="Delete"/>: the path no longer names a namespace (DEL-with-netns-gone checks, P27).</summary>
    public bool IsDeleted { get; private set; }

    /// <summary>Deletes the namespace as a runtime would after a container died; its links go with it.</summary>
    public void Delete()
    {
        if (!IsDeleted)
        {
            _owner?.Actions?.OnAction(Recording.RecordedAction.SandboxDelete, this, null);
        }

        IsDeleted = true;
        _netns.Dispose();
    }

    /// <summary>Runs an iproute2 batch inside the sandbox (e.g. to cause drift for CHECK).</summary>
    public Task IpBatchAsync(string commands, CancellationToken ct = default)
    {
        _owner?.Actions?.OnAction(Recording.RecordedAction.SandboxIpBatch, this, commands);
        return HelperCommand.RunCheckedAsync(Path, "ip", ["-batch", "-"], commands, ct);
    }

    public void Dispose() => Delete();
}
