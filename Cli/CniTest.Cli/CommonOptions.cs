using System.CommandLine;

namespace CniTest.Cli;

/// <summary>
/// Options shared by the attachment commands. Each has a cnitool environment variable as its fallback, so
/// scripts written for cnitool work unchanged (checklist §4.1).
/// </summary>
internal sealed class CommonOptions
{
    public Option<string?> IfName { get; } = new("--ifname", "-i")
    { Description = "Interface name in the container [env CNI_IFNAME, default eth0]" };

    public Option<string?> NetConfPath { get; } = new("--netconfpath")
    { Description = "Directory searched for .conflist/.conf/.json files [env NETCONFPATH, default /etc/cni/net.d]" };

    public Option<string?> CniPath { get; } = new("--cni-path")
    { Description = "Plugin directories, ':'-separated [env CNI_PATH]" };

    public Option<string?> CniArgs { get; } = new("--cni-args")
    { Description = "CNI_ARGS as K=V;K2=V2 [env CNI_ARGS]" };

    public Option<string?> CapArgs { get; } = new("--cap-args")
    { Description = "Capability arguments as a JSON object, e.g. {\"portMappings\":[...]} [env CAP_ARGS]" };

    public Option<string?> CacheDir { get; } = new("--cache-dir")
    { Description = "Result cache directory [env CNITEST_CACHE_DIR, default /var/lib/cnitest as root, else ~/.local/state/cnitest]; never /var/lib/cni unless you name it" };

    public Option<string?> ContainerId { get; } = new("--container-id")
    { Description = "Container id [default: cnitool's, derived from the netns path]" };

    public Option<double?> Timeout { get; } = new("--timeout")
    { Description = "Seconds each plugin call may take before it and its children are killed [default: none, as libcni]" };

    public Option<string?> HostNetns { get; } = new("--host-netns")
    { Description = "Run plugins inside this network namespace (a file such as /run/netns/NAME) instead of the current one" };

    public IEnumerable<Option> All => [IfName, NetConfPath, CniPath, CniArgs, CapArgs, CacheDir, ContainerId, Timeout, HostNetns];
}
