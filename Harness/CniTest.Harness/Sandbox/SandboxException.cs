#pragma warning disable CS1591 // documented by the runtime refactor (issue 9)
using CniTest.Harness.Errors;

namespace CniTest.Harness.Sandbox;

/// <summary>A namespace or mount operation failed; <see cref="Errno"/> is the kernel's answer.</summary>
public sealed class SandboxException(string message, int errno = 0) : CniHarnessException(message)
{
    public int Errno { get; } = errno;
}
