using CniTest.Netlink.Namespaces;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Hosting;

namespace CniTest.Bridge;

/// <summary>
/// plugins#714: a queued DEL carried a stale /proc/PID/ns/net whose PID now belonged to a host process, and the
/// plugin took the host's interface down. Refuse a CNI_NETNS that is the plugin's own namespace, before doing
/// anything (Go's skel checks only after the plugin ran, checklist quirk 30). Code 4 names the variable (Go uses 8,
/// which the spec does not define: P5). CNI_NETNS_OVERRIDE=1 skips the check, as in Go.
/// </summary>
internal static class NetnsGuard
{
    public static void RefuseOwnNamespace(CmdArgs args, Func<string, string?> getenv)
    {
        if (args.Netns.Length == 0 || getenv("CNI_NETNS_OVERRIDE") == "1")
        {
            return;
        }

        NetnsIdentity target;
        try
        {
            target = NetnsIdentity.Of(args.Netns);
        }
        catch (NetnsNotFoundException)
        {
            return; // a missing namespace is the verb's business: DEL succeeds, ADD fails opening it
        }

        if (target == NetnsIdentity.OfProcess())
        {
            throw new CniPluginException(
                CniErrorCodes.InvalidEnvironmentVariables,
                "CNI_NETNS is the plugin's own network namespace; refusing to act on it",
                args.Netns);
        }
    }
}
