using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using CniTest.Harness.Operations;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Schemas;

/// <summary>
/// Schema checks of a loaded configuration for <c>cnitest validate</c>: a <c>.conflist</c> against the list
/// schema of its version, a legacy <c>.conf</c> against the netconf schema, and plugins from the network's
/// sibling folder (1.1, R7) against the plugin-object schema.
/// </summary>
public static class SchemaFindings
{
    /// <summary>One error finding per schema violation; an info finding when the version has no schemas.</summary>
    public static IEnumerable<ValidationFinding> For(NetworkConfigList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (DuplicateKey(list) is { } duplicate)
        {
            yield return new ValidationFinding(FindingSeverity.Error, list.Name, duplicate);
        }

        var version = string.IsNullOrEmpty(list.CniVersion) ? "0.1.0" : list.CniVersion;
        if (!SpecVersions.IsKnown(version))
        {
            yield return new ValidationFinding(FindingSeverity.Info, list.Name,
                $"no schemas for cniVersion \"{list.CniVersion}\" (known: {string.Join(", ", SpecVersions.All)}); schema checks skipped");
            yield break;
        }

        foreach (var (kind, json, where) in Documents(list))
        {
            foreach (var v in SchemaValidator.Validate(kind, version, json))
            {
                yield return new ValidationFinding(FindingSeverity.Error, list.Name,
                    $"schema {SchemaCatalog.FilePath(kind, version)}{where}: {v}");
            }
        }
    }

    private static IEnumerable<(SchemaKind Kind, JsonNode? Json, string Where)> Documents(NetworkConfigList list)
    {
        var isList = list.SourcePath is null || list.SourcePath.EndsWith(".conflist", StringComparison.Ordinal);
        if (isList)
        {
            yield return (SchemaKind.NetConfList, Parse(list.Bytes), "");
        }
        else if (list.Plugins.Count > 0)
        {
            // A legacy single-plugin file: list.Bytes is the list libcni synthesises, the file is the plugin (R4).
            yield return (SchemaKind.NetConf, list.Plugins[0].Raw, "");
        }

        foreach (var sibling in list.Plugins.Where(p => p.SourcePath is not null && p.SourcePath != list.SourcePath))
        {
            yield return (SchemaKind.NetConf, sibling.Raw, $" ({sibling.SourcePath})");
        }
    }

    /// <summary>
    /// A key given twice in one object of a <c>.conflist</c>. libcni (Go's encoding/json) silently keeps the last
    /// value and so does the loader, for fidelity; readers that keep the first (or refuse) see another network, so the
    /// file means different things to different runtimes. Only validate says so.
    /// </summary>
    private static string? DuplicateKey(NetworkConfigList list)
    {
        if (list.SourcePath is not null && !list.SourcePath.EndsWith(".conflist", StringComparison.Ordinal))
        {
            return null; // a legacy .conf: list.Bytes is the list libcni synthesises, which has no duplicates
        }

        try
        {
            using var _ = JsonDocument.Parse(list.Bytes, new JsonDocumentOptions { AllowDuplicateProperties = false });
            return null;
        }
        catch (JsonException e)
        {
            return $"a key appears twice in one object; libcni keeps the last value, other readers may not: {e.Message}";
        }
    }

    // ConfigJson.Parse, not JsonNode.Parse: a key given twice (reported above) keeps its last value, as in Go,
    // instead of making the object throw when the validator walks it.
    private static JsonNode? Parse(byte[] bytes)
    {
        try
        {
            return ConfigJson.Parse(bytes, path: null);
        }
        catch (ConfigException)
        {
            return null; // the loader already rejected unparsable files; nothing left to say here
        }
    }
}
