using System.Text.Json;
using System.Text.Json.Nodes;

namespace CniTest.Scenarios.Recording;

/// <summary>
/// Masks secrets in a recording (<c>--redact KEY</c>): a variable named KEY, a <c>KEY=value</c> pair of
/// <c>CNI_ARGS</c>, and every JSON property named KEY at any depth of stdin and stdout (a config's credentials, a
/// token in <c>runtimeConfig</c>). The values found are then masked wherever they appear again as text (a plugin
/// that echoes them in an error message or on stderr). Keys compare case-insensitively. Values shorter than
/// <see cref="MinLiteral"/> characters are masked where their key names them but not searched for as text, which
/// would mangle everything else.
/// </summary>
public sealed class Redactor(IReadOnlyList<string> keys)
{
    /// <summary>What a masked value is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>The shortest value that is also masked wherever it appears as text.</summary>
    public const int MinLiteral = 4;

    private readonly HashSet<string> _keys = new(keys, StringComparer.OrdinalIgnoreCase);

    /// <summary>The keys, as given.</summary>
    public IReadOnlyList<string> Keys { get; } = keys;

    /// <summary>True when there is nothing to mask.</summary>
    public bool IsEmpty => _keys.Count == 0;

    /// <summary>Masks <paramref name="call"/>'s env, stdin, stdout and stderr.</summary>
    public RecordedCall Apply(RecordedCall call)
    {
        if (IsEmpty)
        {
            return call;
        }

        var secrets = new HashSet<string>(StringComparer.Ordinal);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in call.Env)
        {
            env[k] = _keys.Contains(k) ? Collect(secrets, v) : k == "CNI_ARGS" ? MaskArgs(v, secrets) : v;
        }

        var stdin = call.Stdin is null ? null : MaskJson(call.Stdin, secrets);
        var stdout = MaskJson(call.Stdout, secrets);
        return call with
        {
            Env = env.ToDictionary(p => p.Key, p => MaskLiterals(p.Value, secrets)),
            Stdin = stdin is null ? null : MaskLiterals(stdin, secrets),
            Stdout = MaskLiterals(stdout, secrets),
            Stderr = MaskLiterals(call.Stderr, secrets),
            Verdict = call.Verdict with { ErrorMsg = call.Verdict.ErrorMsg is { } m ? MaskLiterals(m, secrets) : null },
        };
    }

    private static string Collect(HashSet<string> secrets, string value)
    {
        if (value.Length > 0)
        {
            secrets.Add(value);
        }

        return Mask;
    }

    private string MaskArgs(string args, HashSet<string> secrets) => string.Join(';', args.Split(';').Select(pair =>
    {
        var eq = pair.IndexOf('=');
        return eq > 0 && _keys.Contains(pair[..eq]) ? pair[..(eq + 1)] + Collect(secrets, pair[(eq + 1)..]) : pair;
    }));

    /// <summary>Masks the values of the keys in every JSON document of <paramref name="text"/>; other text is left as is.</summary>
    private string MaskJson(string text, HashSet<string> secrets)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return text;
        }

        if (json is null || !Walk(json, secrets))
        {
            return text;
        }

        return json.ToJsonString();
    }

    private bool Walk(JsonNode node, HashSet<string> secrets)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    if (_keys.Contains(name))
                    {
                        CollectValues(o[name], secrets);
                        o[name] = Mask;
                        changed = true;
                    }
                    else if (o[name] is { } child)
                    {
                        changed |= Walk(child, secrets);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a.OfType<JsonNode>())
                {
                    changed |= Walk(child, secrets);
                }

                break;
        }

        return changed;
    }

    private static void CollectValues(JsonNode? node, HashSet<string> secrets)
    {
        switch (node)
        {
            case JsonValue v:
                Collect(secrets, v.ToString());
                break;
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    CollectValues(child, secrets);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    CollectValues(child, secrets);
                }

                break;
        }
    }

    private static string MaskLiterals(string text, HashSet<string> secrets)
    {
        foreach (var s in secrets.Where(s => s.Length >= MinLiteral).OrderByDescending(s => s.Length))
        {
            text = text.Replace(s, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
