using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Harness.Schemas;

namespace CniTest.Benchmarks;

/// <summary>
/// What validating one plugin output costs once the schemas are loaded (issue #4: "well under 1 ms per
/// result"): the schema alone from text and from a parsed node, and the whole output contract of an ADD call.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    /// <summary>A typical 1.1.0 bridge result: bridge, host veth, container veth; one IPv4 address; a default route.</summary>
    private const string BridgeResult = """
        {"cniVersion":"1.1.0","interfaces":[{"name":"cni0","mac":"7e:68:e5:5c:09:44"},{"name":"veth3ecb2466","mac":"fa:87:4a:29:4d:5d"},
        {"name":"eth0","mac":"0a:86:a6:97:2b:62","sandbox":"/run/netns/cnitest-c1"}],
        "ips":[{"interface":2,"address":"10.10.0.2/24","gateway":"10.10.0.1"}],"routes":[{"dst":"0.0.0.0/0"}],"dns":{"nameservers":["10.10.0.1"]}}
        """;

    private JsonNode _node = null!;
    private InvocationRecord _record = null!;

    [GlobalSetup]
    public void Setup()
    {
        _node = JsonNode.Parse(BridgeResult)!;
        _record = new InvocationRecord
        {
            PluginPath = "/usr/lib/cni/bridge",
            Command = CniCommand.Add,
            Environment = new Dictionary<string, string> { ["CNI_NETNS"] = "/run/netns/cnitest-c1", ["CNI_IFNAME"] = "eth0" },
            Stdin = Encoding.UTF8.GetBytes("""{"cniVersion":"1.1.0","name":"n","type":"bridge","ipam":{"type":"host-local"}}"""),
            Stdout = Encoding.UTF8.GetBytes(BridgeResult),
            Stderr = [],
            ExitCode = 0,
        };
        // Load outside the measurement: the catalog parses each schema once per process.
        if (SchemaValidator.Validate(SchemaKind.Result, "1.1.0", BridgeResult).Count != 0 || OutputContract.Check(_record, "1.1.0").Count != 0)
        {
            throw new InvalidOperationException("the benchmark result must be valid");
        }
    }

    [Benchmark(Baseline = true, Description = "Result 1.1.0 schema, from text")]
    public int SchemaFromText() => SchemaValidator.Validate(SchemaKind.Result, "1.1.0", BridgeResult).Count;

    [Benchmark(Description = "Result 1.1.0 schema, from JsonNode")]
    public int SchemaFromNode() => SchemaValidator.Validate(SchemaKind.Result, "1.1.0", _node).Count;

    [Benchmark(Description = "OutputContract.Check of the ADD call")]
    public int WholeContract() => OutputContract.Check(_record, "1.1.0").Count;
}
