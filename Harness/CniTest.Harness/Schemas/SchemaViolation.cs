namespace CniTest.Harness.Schemas;

/// <summary>One way a JSON document breaks its schema.</summary>
/// <param name="Path">Where, as a JSON path from the document root: <c>ips[0].address</c>; "" for the root itself.</param>
/// <param name="Rule">The schema rule broken, e.g. <c>required</c>, <c>type</c>, <c>pattern</c>, <c>format</c>, <c>not</c>.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record SchemaViolation(string Path, string Rule, string Message)
{
    /// <summary><c>path: message [rule]</c>, with <c>(root)</c> for the document itself.</summary>
    public override string ToString() => Path.Length == 0 ? $"(root): {Message} [{Rule}]" : $"{Path}: {Message} [{Rule}]";
}
