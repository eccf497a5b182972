using CniTest.Harness.Sandbox;

namespace CniTest.Netlink.Tests.Support;

/// <summary>
/// Fresh network namespaces pinned under a private temp directory (never /run/netns), all removed on Dispose,
/// also when the test failed. Everything the integration tests create lives in these and dies with them.
/// </summary>
internal sealed class TempNamespaces : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cnitest-nl-").FullName;
    private readonly List<NetworkNamespace> _namespaces = [];

    /// <summary>Creates a namespace and returns its pin path.</summary>
    public string Create(string name)
    {
        var ns = NetworkNamespace.Create(Path.Combine(_dir, name));
        _namespaces.Add(ns);
        return ns.Path;
    }

    public void Dispose()
    {
        foreach (var ns in _namespaces)
        {
            ns.Dispose();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
