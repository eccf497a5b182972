using System.Runtime.CompilerServices;
using CniTest.Integration.Tests.Support;
using Xunit;

namespace CniTest.BrokenPlugins.Tests.Support;

/// <summary>
/// A theory that needs root and Debian's reference plugins: skipped with the reason on a developer machine
/// without them, always run under CI (same rule as <see cref="PrivilegedFactAttribute"/>).
/// </summary>
public sealed class PrivilegedTheoryAttribute : TheoryAttribute
{
    public PrivilegedTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        Skip = Privileges.SkipReason;
        SkipUnless = nameof(Privileges.CanRun);
        SkipType = typeof(Privileges);
    }
}
