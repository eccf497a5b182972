#pragma warning disable CS1591 // documented by the runtime refactor (issue 9)
namespace CniTest.Harness.Invocation;

/// <summary>The <c>CNI_COMMAND</c> values (SPEC §2; STATUS is missing from the spec's own list, checklist §5.29).</summary>
public static class CniCommand
{
    public const string Add = "ADD";
    public const string Del = "DEL";
    public const string Check = "CHECK";
    public const string Gc = "GC";
    public const string Status = "STATUS";
    public const string Version = "VERSION";
}
