namespace CniTest.Bridge.Skel;

/// <summary>The verbs of CNI_COMMAND (SPEC §2; GC and STATUS since 1.1.0).</summary>
internal enum CniCommand
{
    Add,
    Del,
    Check,
    Gc,
    Status,
    Version,
}
