using CniTest.Harness.Rules;
using CniTest.Harness.Versioning;
using CniTest.Scenarios.Model;

namespace CniTest.Cli.Commands.Rules;

/// <summary>How explain, list and coverage spell levels, version ranges and roles.</summary>
internal static class RuleText
{
    /// <summary>The catalogue's name of a level (MUST, GO-ONLY, …), as in cni-rules.json.</summary>
    public static string Level(CniRuleLevel level) => level switch
    {
        CniRuleLevel.Must => "MUST",
        CniRuleLevel.Should => "SHOULD",
        CniRuleLevel.May => "MAY",
        CniRuleLevel.Convention => "CONVENTION",
        CniRuleLevel.GoOnly => "GO-ONLY",
        _ => "NONE",
    };

    /// <summary>The rule's level, or each level with its versions where it changed: <c>MUST (0.1.0-0.4.0), SHOULD (1.0.0-1.1.0)</c>.</summary>
    public static string Levels(CniRule rule)
    {
        if (rule.Levels is null)
        {
            return Level(rule.Level);
        }

        var runs = new List<(CniRuleLevel Level, List<string> Versions)>();
        foreach (var version in rule.SpecVersions)
        {
            var level = rule.LevelAt(version) ?? rule.Level;
            if (runs.Count > 0 && runs[^1].Level == level)
            {
                runs[^1].Versions.Add(version);
            }
            else
            {
                runs.Add((level, [version]));
            }
        }

        return string.Join(", ", runs.Select(r => $"{Level(r.Level)} ({Range(r.Versions)})"));
    }

    /// <summary>Versions as ranges of consecutive spec versions: <c>0.3.0-1.1.0</c>, <c>0.4.0, 1.1.0</c>; <c>-</c> for none.</summary>
    public static string Range(IReadOnlyList<string> versions)
    {
        var indexes = Enumerable.Range(0, SpecVersions.All.Count).Where(i => versions.Contains(SpecVersions.All[i])).ToList();
        var parts = new List<string>();
        for (var i = 0; i < indexes.Count; i++)
        {
            var start = i;
            while (i + 1 < indexes.Count && indexes[i + 1] == indexes[i] + 1)
            {
                i++;
            }

            parts.Add(start == i ? SpecVersions.All[indexes[i]] : $"{SpecVersions.All[indexes[start]]}-{SpecVersions.All[indexes[i]]}");
        }

        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }

    /// <summary>Role names as on the command line, in the order interface, chained, ipam.</summary>
    public static string Roles(IEnumerable<PluginRole> roles) => string.Join(", ", roles.Select(PluginRoles.Name));

    /// <summary>The catalogue's name of a source.</summary>
    public static string Source(RuleSource source) => source switch
    {
        RuleSource.Conventions => "CONVENTIONS",
        RuleSource.Libcni => "LIBCNI",
        RuleSource.Skel => "SKEL",
        _ => "SPEC",
    };
}
