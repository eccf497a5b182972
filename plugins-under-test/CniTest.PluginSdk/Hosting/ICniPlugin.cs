using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Results;

namespace CniTest.PluginSdk.Hosting;

/// <summary>
/// The verbs of a plugin. <see cref="PluginHost"/> validates the environment and stdin, then calls exactly one of
/// these. Throw <see cref="Errors.CniPluginException"/> to choose an error code; any other exception becomes code
/// 999. Implementations can also be called in-process by another plugin with the same <see cref="CmdArgs"/>
/// (delegation without exec, issue 6 item 1).
/// </summary>
public interface ICniPlugin
{
    /// <summary>ADD: returns the result in the 1.1.0 model; the host prints it in the request's version shape.</summary>
    CniResult Add(CmdArgs args);

    /// <summary>DEL: must succeed when there is nothing left to delete (P26–P28).</summary>
    void Del(CmdArgs args);

    /// <summary>CHECK: throws when the attachment does not match <see cref="CmdArgs.PrevResult"/>.</summary>
    void Check(CmdArgs args);

    /// <summary>GC: release everything not in <paramref name="validAttachments"/> (P37).</summary>
    void Gc(CmdArgs args, IReadOnlyList<Attachment> validAttachments);

    /// <summary>STATUS: throws (code 50/51) when ADD cannot be served (P44, P45).</summary>
    void Status(CmdArgs args);
}
