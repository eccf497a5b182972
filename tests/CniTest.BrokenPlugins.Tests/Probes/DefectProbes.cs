using CniTest.BrokenPlugins.Tests.Support;

namespace CniTest.BrokenPlugins.Tests.Probes;

/// <summary>Runs one scenario against a plugin and says whether the defect it looks for showed.</summary>
public delegate Task<Evidence> Probe(Lab lab, string plugin);

/// <summary>
/// The probe for each broken-plugin fixture, by file name. Every probe is a plain scenario that must also run
/// against the unbroken reference plugin and then see nothing, which is what makes the fixture test able to fail.
/// </summary>
public static class DefectProbes
{
    public static IReadOnlyDictionary<string, Probe> All { get; } = new Dictionary<string, Probe>
    {
        ["del-fails-netns-gone"] = DelProbes.NetnsGone,
        ["del-not-idempotent"] = DelProbes.Twice,
        ["del-leaks-ipam"] = DelProbes.LeaksIpam,
        ["del-leaks-veth"] = DelProbes.LeaksLinks,
        ["del-hangs"] = DelProbes.Hangs,
        ["error-stderr-only"] = ErrorProbes.StderrOnly,
        ["error-exit-zero"] = ErrorProbes.ExitZero,
        ["error-code-undefined"] = ErrorProbes.UndefinedCode,
        ["error-code-1-misused"] = ErrorProbes.CodeOneMisused,
        ["env-error-unnamed"] = ErrorProbes.EnvUnnamed,
        ["add-crashes"] = ErrorProbes.Crashes,
        ["version-unsupported-accepted"] = VersionProbes.UnsupportedAccepted,
        ["version-advertised-rejected"] = VersionProbes.AdvertisedRejected,
        ["version-reply-empty"] = VersionProbes.EmptyReply,
        ["result-version-mismatch"] = ResultProbes.VersionMismatch,
        ["result-two-documents"] = ResultProbes.TwoDocuments,
        ["result-missing-address"] = ResultProbes.MissingAddress,
        ["result-ips-missing-version"] = ResultProbes.IpsMissingVersion,
        ["result-bad-interface-index"] = ResultProbes.BadInterfaceIndex,
        ["result-wrong-sandbox"] = ResultProbes.WrongSandbox,
        ["add-empty-stdout"] = ResultProbes.EmptyStdout,
        ["ignores-ifname"] = ResultProbes.IgnoresIfName,
        ["second-add-succeeds"] = ResultProbes.SecondAddSucceeds,
        ["check-always-succeeds"] = CheckProbes.AlwaysSucceeds,
        ["check-false-positive"] = CheckProbes.FalsePositive,
        ["add-not-concurrent-safe"] = ConcurrencyProbes.InterfaceAdds,
        ["ipam-no-locking"] = ConcurrencyProbes.IpamAdds,
        ["ipam-result-has-interfaces"] = DelegationProbes.IpamHasInterfaces,
        ["chained-drops-prevresult"] = DelegationProbes.DropsPrevResult,
        ["chained-del-needs-prevresult"] = DelegationProbes.DelNeedsPrevResult,
        ["net-host-veth-down"] = NetworkProbes.PodAndGateway,
        ["net-bridge-no-gateway"] = NetworkProbes.PodAndGateway,
        ["net-forward-drops-pods"] = NetworkProbes.PodsReachEachOther,
        ["net-bridge-ports-isolated"] = NetworkProbes.PodsReachEachOther,
        ["net-masquerades-pods"] = NetworkProbes.PodSeesPeerSource,
        ["net-mtu-host-smaller"] = NetworkProbes.FullSizeToGateway,
        ["net-forwarding-off"] = NetworkProbes.EgressReaches,
        ["net-no-default-route"] = NetworkProbes.EgressReaches,
        ["net-ipmasq-ignored"] = NetworkProbes.EgressMasqueraded,
        ["net-portmap-wrong-port"] = NetworkProbes.HostPortLeadsToPod,
        ["net-del-leaves-route"] = NetworkProbes.RouteAfterDel,
        ["persona-rejects-k8s-args"] = PersonaProbes.KubernetesArgs,
        ["persona-netns-name-as-link"] = PersonaProbes.RuntimeNetnsName,
        ["persona-bandwidth-burst-int32"] = PersonaProbes.ContainerdBandwidth,
        ["proc-daemon-left"] = ProcessProbes.DaemonLeft,
        ["proc-holds-stdout"] = ProcessProbes.HoldsStdout,
        ["proc-pins-netns"] = ProcessProbes.PinsNetns,
    };
}
