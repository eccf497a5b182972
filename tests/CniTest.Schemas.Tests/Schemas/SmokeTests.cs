using CniTest.Harness.Schemas;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Schemas;

public sealed class SmokeTests
{
    [Fact]
    public void Smoke()
    {
        var ok = """{"cniVersion":"1.1.0","interfaces":[{"name":"eth0","mac":"aa:bb:cc:dd:ee:ff","sandbox":"/run/netns/x"}],"ips":[{"address":"10.1.0.5/16","gateway":"10.1.0.1","interface":0}],"routes":[{"dst":"0.0.0.0/0"}],"dns":{}}""";
        SchemaValidator.Validate(SchemaKind.Result, "1.1.0", ok).Should().BeEmpty();
        var bad = """{"cniVersion":"1.1.0","ip4":{},"interfaces":[{"mac":"zz"}],"ips":[{"version":"4","address":"10.1.0.5","interface":-1}],"routes":[{"dst":"0.0.0.0/0","gw":"1.2.3"}],"dns":{"nameservers":[1]}}""";
        foreach (var v in SchemaValidator.Validate(SchemaKind.Result, "1.1.0", bad)) Console.WriteLine(v);
        Console.WriteLine("--");
        foreach (var v in SchemaValidator.Validate(SchemaKind.GcRequest, "1.1.0", """{"cniVersion":"1.1.0","name":"n","type":"a/b","cni.dev/valid-attachments":[{"containerID":1}],"cni.dev/attachments":null}""")) Console.WriteLine(v);
        Console.WriteLine("--");
        foreach (var v in SchemaValidator.Validate(SchemaKind.Result, "0.2.0", """{"cniVersion":"0.2.0","dns":{}}""")) Console.WriteLine(v);
        foreach (var v in SchemaValidator.Validate(SchemaKind.Request, "0.4.0", """{"cniVersion":"0.4.0","name":"n","type":"bridge","prevResult":{"ip4":{"ip":"1.2.3.4/8"}}}""")) Console.WriteLine(v);
    }
}
