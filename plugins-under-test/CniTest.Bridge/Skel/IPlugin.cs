using CniTest.PluginSdk.Results;

namespace CniTest.Bridge.Skel;

/// <summary>What a plugin implements; the host does everything protocol-level around it.</summary>
internal interface IPlugin
{
    /// <summary>One line for the "about" text printed when CNI_COMMAND is missing (P52).</summary>
    string About { get; }

    /// <summary>ADD: returns the result to print.</summary>
    CniResult Add(CmdArgs args);

    /// <summary>DEL: idempotent (P26, P27).</summary>
    void Del(CmdArgs args);

    /// <summary>CHECK (0.4.0+).</summary>
    void Check(CmdArgs args);

    /// <summary>GC (1.1.0).</summary>
    void Gc(CmdArgs args);

    /// <summary>STATUS (1.1.0).</summary>
    void Status(CmdArgs args);
}
