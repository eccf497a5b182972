using System.Text.Json;
using CniTest.Harness.Schemas;

namespace CniTest.Harness.Rules;

/// <summary>
/// The rule catalogue: every P and R id that code, tests and output cite, read from
/// <c>schemas/rules/cni-rules.json</c> (embedded in this assembly, validated by
/// <c>schemas/rules/cni-rules.schema.json</c> in the tests). Immutable and thread-safe.
/// </summary>
public sealed class RuleCatalog
{
    /// <summary>Where the catalogue lives below <c>schemas/</c>.</summary>
    public const string FilePath = "rules/cni-rules.json";

    /// <summary>Where the catalogue's JSON Schema lives below <c>schemas/</c>.</summary>
    public const string SchemaFilePath = "rules/cni-rules.schema.json";

    private static readonly Lazy<RuleCatalog> Embedded = new(() => Parse(EmbeddedSchemaFiles.Read(FilePath)));

    private readonly Dictionary<string, CniRule> _byId;

    private RuleCatalog(IReadOnlyList<CniRule> rules, IReadOnlyDictionary<string, string> repositories)
    {
        All = rules;
        Repositories = repositories;
        _byId = new Dictionary<string, CniRule>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules)
        {
            if (!_byId.TryAdd(rule.Id, rule))
            {
                throw new InvalidDataException($"rule catalogue: id {rule.Id} appears twice");
            }
        }
    }

    /// <summary>The catalogue shipped with cnitest, parsed on first use and kept for the life of the process.</summary>
    public static RuleCatalog Default => Embedded.Value;

    /// <summary>Every rule in catalogue order: plugin rules by number, then runtime rules by number.</summary>
    public IReadOnlyList<CniRule> All { get; }

    /// <summary>Short repository names used in bug references (<c>cni</c>) mapped to GitHub owner/name.</summary>
    public IReadOnlyDictionary<string, string> Repositories { get; }

    /// <summary>The rule with <paramref name="id"/> (case-insensitive: <c>p27</c> finds P27); null when there is none.</summary>
    public CniRule? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// The GitHub address of a bug reference: <c>cni#732</c> through <see cref="Repositories"/>,
    /// <c>owner/repo#N</c> as written. Null when the reference is malformed or its short name is unknown.
    /// </summary>
    public string? BugUrl(string bug)
    {
        var hash = bug.LastIndexOf('#');
        if (hash <= 0 || !int.TryParse(bug.AsSpan(hash + 1), out var number) || number <= 0)
        {
            return null;
        }

        var name = bug[..hash];
        var repository = name.Contains('/') ? name : Repositories.GetValueOrDefault(name);
        return repository is null ? null : $"https://github.com/{repository}/issues/{number}";
    }

    /// <summary>Reads a catalogue in the format of <c>cni-rules.json</c>.</summary>
    /// <exception cref="InvalidDataException">The text is not a catalogue, or an id appears twice.</exception>
    public static RuleCatalog Parse(string json)
    {
        RuleCatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, RuleCatalogJsonContext.Default.RuleCatalogFile);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"rule catalogue: {e.Message}", e);
        }

        if (file is null)
        {
            throw new InvalidDataException("rule catalogue: the document is null");
        }

        return new RuleCatalog(file.Rules, file.Repositories);
    }
}
