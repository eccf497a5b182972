using System.CommandLine;
using CniTest.Harness.Rules;
using CniTest.Harness.Schemas;
using CniTest.Harness.Versioning;

namespace CniTest.Cli.Commands;

/// <summary>
/// <c>schema &lt;kind&gt; [--version V]</c>: prints one of the published JSON Schemas (schemas/ in the repository,
/// embedded in cnitest) so plugin authors can validate their own output in their own tests; <c>--list</c> shows
/// what exists. The shared definitions the per-version schemas reference are <c>common/…</c>.
/// </summary>
internal static class SchemaCommand
{
    private const string DefaultVersion = Harness.Versioning.SpecVersions.Latest;

    public static Command Create(CliContext ctx)
    {
        var kind = new Argument<string?>("kind")
        {
            Description = $"What to print: {string.Join(", ", SchemaCatalog.Kinds.Select(SchemaKinds.FileName))}; or common/NAME, report, rules",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var version = new Option<string>("--version", "-v") { Description = $"CNI spec version [default {DefaultVersion}]" };
        var list = new Option<bool>("--list", "-l") { Description = "List every schema with the versions it exists for" };
        var command = new Command("schema", "Print a JSON Schema (draft-07) of a CNI message for a spec version") { kind, version, list };
        command.SetAction(parse =>
        {
            if (parse.GetValue(list))
            {
                PrintList(ctx.Out);
                return ExitCodes.Success;
            }

            var name = parse.GetValue(kind) ?? throw new UsageException(
                $"missing schema kind (valid: {ValidKinds()}); see 'cnitest schema --list'");
            ctx.Out.Write(Resolve(name, parse.GetValue(version) ?? DefaultVersion));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Resolve(string name, string version)
    {
        if (name == "report")
        {
            return File(SchemaCatalog.ReportPath);
        }

        if (name == "rules")
        {
            return File(RuleCatalog.SchemaFilePath);
        }

        if (name.StartsWith("common/", StringComparison.Ordinal))
        {
            var path = name.EndsWith(".schema.json", StringComparison.Ordinal) ? name : name + ".schema.json";
            return SchemaCatalog.CommonFiles.Contains(path) ? File(path)
                : throw new UsageException($"unknown shared schema \"{name}\" (valid: {string.Join(", ", SchemaCatalog.CommonFiles.Select(Stem))})");
        }

        if (!SchemaKinds.TryParse(name, out var k))
        {
            throw new UsageException($"unknown schema kind \"{name}\" (valid: {ValidKinds()})");
        }

        if (!SpecVersions.IsKnown(version))
        {
            throw new UsageException($"unknown CNI version \"{version}\" (valid: {string.Join(", ", SchemaCatalog.Versions)})");
        }

        if (!SchemaCatalog.Has(k, version))
        {
            throw new UsageException($"no {SchemaKinds.FileName(k)} schema for CNI {version} (valid versions: {string.Join(", ", SchemaCatalog.VersionsOf(k))})");
        }

        return SchemaCatalog.Text(k, version);
    }

    private static void PrintList(TextWriter output)
    {
        foreach (var k in SchemaCatalog.Kinds)
        {
            output.WriteLine($"{SchemaKinds.FileName(k),-17} {string.Join(" ", SchemaCatalog.VersionsOf(k))}");
        }

        foreach (var common in SchemaCatalog.CommonFiles)
        {
            output.WriteLine($"{Stem(common),-17} (shared definitions, referenced as ../{common})");
        }

        output.WriteLine($"{"report",-17} (the JSON written by cnitest run --report)");
        output.WriteLine($"{"rules",-17} (the rule catalogue schemas/{RuleCatalog.FilePath}; see cnitest explain)");
    }

    private static string File(string path) =>
        SchemaCatalog.TryGetFileText(path, out var text) ? text : throw new UsageException($"schema file {path} is not embedded in this build");

    private static string Stem(string path) => path.Replace(".schema.json", "", StringComparison.Ordinal);

    private static string ValidKinds() =>
        string.Join(", ", SchemaCatalog.Kinds.Select(SchemaKinds.FileName)) + ", common/NAME, report, rules";
}
