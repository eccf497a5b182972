using System.Runtime.CompilerServices;
using CniTest.Harness.Sandbox;
using Xunit;

namespace CniTest.Netlink.Tests.Support;

/// <summary>
/// A test that creates network namespaces, so needs root. Skips with the reason elsewhere; under CI (CI=true) it
/// always runs, so a missing privilege fails loudly instead of passing as a skip (STYLE example 15c).
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        Skip = "needs root to create network namespaces";
        SkipUnless = nameof(CanRun);
        SkipType = typeof(RootFactAttribute);
    }

    public static bool CanRun => Environment.GetEnvironmentVariable("CI") == "true" || NetworkNamespace.CanCreate;
}
