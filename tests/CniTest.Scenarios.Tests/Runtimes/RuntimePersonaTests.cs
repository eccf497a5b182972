using System.Text.RegularExpressions;
using CniTest.Scenarios.Runtimes;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Runtimes;

/// <summary>What each runtime persona sends (Scenarios/Runtimes): CNI_ARGS, shapes, capabilities, verbs.</summary>
public sealed partial class RuntimePersonaTests
{
    private static string ArgsText(RuntimePersona p) =>
        string.Join(";", p.Args(p.Pod("check", 1)).Select(a => $"{a.Key}={a.Value}"));

    [Fact]
    public void Args_EachPersona_SendsItsRuntimesKeysInItsOrder()
    {
        // Act
        var pod = RuntimePersonas.Crio.Pod("check", 1);

        // Assert
        ArgsText(RuntimePersonas.Libcni).Should().BeEmpty("cnitest's own calls send no CNI_ARGS, as before personas");
        ArgsText(RuntimePersonas.Crio).Should().Be(
            $"IgnoreUnknown=1;K8S_POD_NAMESPACE=cnitest;K8S_POD_NAME=check-1;K8S_POD_INFRA_CONTAINER_ID={pod.SandboxId};K8S_POD_UID={pod.Uid}");
        ArgsText(RuntimePersonas.Podman).Should().Be("IgnoreUnknown=1;K8S_POD_NAME=check-1", "podman dropped the other K8S_ keys (podman#12083)");
        var containerd = RuntimePersonas.Containerd.Args(RuntimePersonas.Containerd.Pod("check", 1));
        containerd.Select(a => a.Key).Should().BeEquivalentTo(["K8S_POD_NAMESPACE", "K8S_POD_NAME", "K8S_POD_INFRA_CONTAINER_ID", "K8S_POD_UID", "IgnoreUnknown"]);
        containerd[0].Key.Should().NotBe("IgnoreUnknown", "go-cni's map order puts IgnoreUnknown anywhere; a plugin must not need it first");
        containerd.Single(a => a.Key == "K8S_POD_INFRA_CONTAINER_ID").Value.Should().Be(RuntimePersonas.Containerd.Pod("check", 1).SandboxId);
    }

    [Fact]
    public void Shapes_RealRuntimes_Use64HexIdsAndTheirNetnsNames()
    {
        // Act / Assert
        RuntimePersonas.Libcni.SandboxId("check", 3).Should().Be("cnitest-check-3");
        RuntimePersonas.Libcni.NetnsName("check", 3).Should().BeNull("libcni keeps the suite's own pin names");
        foreach (var p in new[] { RuntimePersonas.Containerd, RuntimePersonas.Crio, RuntimePersonas.Podman })
        {
            p.SandboxId("check", 3).Should().MatchRegex("^[0-9a-f]{64}$", p.Name);
            p.SandboxId("check", 3).Should().NotBe(p.SandboxId("check", 4), "ids are unique per attachment");
            p.IfName(0).Should().Be("eth0");
            p.IfName(1).Should().Be("eth1");
        }

        RuntimePersonas.Containerd.NetnsName("check", 1).Should().MatchRegex($"^cni-{Uuid}$");
        RuntimePersonas.Crio.NetnsName("check", 1).Should().MatchRegex($"^{Uuid}$");
        RuntimePersonas.Podman.NetnsName("check", 1).Should().MatchRegex($"^netns-{Uuid}$");
        RuntimePersonas.Containerd.NetnsDirectory.Should().Be("/var/run/netns");
        RuntimePersonas.Crio.NetnsDirectory.Should().Be("/var/run/netns");
        RuntimePersonas.Podman.NetnsDirectory.Should().Be("/run/netns");
    }

    [Fact]
    public void Netns_ForAPin_IsTheRuntimesPathWhereTheFakeHostShowsPinsElseThePin()
    {
        // Arrange
        const string pin = "/tmp/cnitest-run-x/check0/netns/netns-1";
        var varRunIsRun = new DirectoryInfo("/var/run").ResolveLinkTarget(true)?.FullName == "/run";

        // Act / Assert
        PersonaNetns.For(RuntimePersonas.Libcni, pin, "/run/netns").Should().Be(pin);
        PersonaNetns.For(RuntimePersonas.Podman, pin, null).Should().Be(pin, "without private mounts only the pin path works");
        PersonaNetns.For(RuntimePersonas.Podman, pin, "/run/netns").Should().Be("/run/netns/netns-1");
        PersonaNetns.For(RuntimePersonas.Containerd, pin, "/run/netns").Should().Be(varRunIsRun ? "/var/run/netns/netns-1" : "/run/netns/netns-1");
    }

    [Fact]
    public void Capabilities_EachPersona_FillsInWhatItsRuntimeSends()
    {
        // Arrange
        IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> Caps(RuntimePersona p) => p.CapabilityArgs(2, "net1", p.Pod("check", 2));

        // Act / Assert
        Caps(RuntimePersonas.Libcni).Keys.Should().BeEquivalentTo(["portMappings", "bandwidth"]);
        Caps(RuntimePersonas.Containerd).Keys.Should().BeEquivalentTo(["portMappings", "bandwidth", "dns", "cgroupPath", "io.kubernetes.cri.pod-annotations"]);
        Caps(RuntimePersonas.Containerd)["bandwidth"]!["ingressBurst"]!.GetValue<long>().Should().Be(4294967295L, "containerd's toCNIBandWidth uses math.MaxUint32");
        Caps(RuntimePersonas.Crio).Keys.Should().BeEquivalentTo(["portMappings", "bandwidth", "cgroupPath", "io.kubernetes.cri.pod-annotations"]);
        Caps(RuntimePersonas.Podman).Keys.Should().BeEquivalentTo(["portMappings", "aliases"]);
        Caps(RuntimePersonas.Podman)["aliases"]!["net1"]![0]!.GetValue<string>().Should().Be("check-2");
        foreach (var p in RuntimePersonas.All)
        {
            Caps(p)["portMappings"]!.ToJsonString().Should().Be(Caps(RuntimePersonas.Libcni)["portMappings"]!.ToJsonString(),
                "the host-port probe looks for the suite's own host ports under every persona");
        }
    }

    [Fact]
    public void Verbs_EachPersona_AreTheOnesItsRuntimeSends()
    {
        // Act / Assert
        RuntimePersonas.Libcni.Verbs.Should().Equal(PersonaVerb.Status, PersonaVerb.Add, PersonaVerb.Check, PersonaVerb.Del, PersonaVerb.Gc);
        RuntimePersonas.Crio.Verbs.Should().Equal(PersonaVerb.Status, PersonaVerb.Add, PersonaVerb.Check, PersonaVerb.Del, PersonaVerb.Gc);
        RuntimePersonas.Containerd.Verbs.Should().Equal(PersonaVerb.Add, PersonaVerb.Del);
        RuntimePersonas.Podman.Verbs.Should().Equal(PersonaVerb.Add, PersonaVerb.Del);
        RuntimePersonas.Podman.Sends(PersonaVerb.Check).Should().BeFalse();
    }

    [Theory]
    [InlineData("libcni", "libcni")]
    [InlineData("CRIO", "crio")]
    [InlineData("containerd", "containerd")]
    [InlineData("podman", "podman")]
    public void TryParse_KnownName_FindsThePersona(string given, string expected)
    {
        // Act
        var found = RuntimePersonas.TryParse(given, out var persona);

        // Assert
        found.Should().BeTrue();
        persona.Name.Should().Be(expected);
    }

    [Fact]
    public void TryParse_UnknownName_IsFalse() => RuntimePersonas.TryParse("docker", out _).Should().BeFalse();

    private const string Uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
}
