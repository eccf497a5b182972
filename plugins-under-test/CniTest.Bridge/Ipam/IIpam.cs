using CniTest.PluginSdk.Hosting;
using CniTest.PluginSdk.Results;

namespace CniTest.Bridge.Ipam;

/// <summary>
/// The IPAM plugin named by <c>ipam.type</c>, as the bridge sees it (SPEC §4 delegation): each verb runs with the
/// bridge's own environment and stdin, only CNI_COMMAND differs. Failures are <see cref="PluginSdk.Errors.CniPluginException"/>
/// carrying the delegate's own code and message.
/// </summary>
internal interface IIpam
{
    /// <summary>ADD: the abbreviated IPAM result (no interfaces, P24), read in any version family.</summary>
    CniResult Add(CmdArgs args);

    /// <summary>DEL: releases what ADD allocated; also called to undo a failed ADD (P23).</summary>
    void Del(CmdArgs args);

    /// <summary>CHECK (P34).</summary>
    void Check(CmdArgs args);

    /// <summary>GC with the same valid-attachments list (P38).</summary>
    void Gc(CmdArgs args);

    /// <summary>STATUS (P46).</summary>
    void Status(CmdArgs args);
}
