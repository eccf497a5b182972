using CniTest.Harness.Contract;
using CniTest.Harness.Versioning;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Runtimes;

namespace CniTest.Scenarios.Checks;

/// <summary>
/// The plugin as real runtimes call it (Runtimes/): one pod's life as containerd, CRI-O and podman live it (ADD,
/// CHECK where the runtime sends it and the version has it, DEL), with their CNI_ARGS, capability args, container
/// ids and netns paths. STATUS and GC carry no per-pod data, so their checks (status.*, gc.*) cover them.
/// </summary>
internal static class RuntimePersonaChecks
{
    public static IEnumerable<CheckDefinition> All() =>
    [
        new()
        {
            Id = "runtime.personas",
            Title = "ADD, CHECK and DEL succeed as containerd, CRI-O and podman call them (their CNI_ARGS, capability args, container ids and netns paths)",
            Rule = "P76",
            AlsoReports = ["P77", "P78"],
            Level = RuleLevel.Should,
            Weight = 3,
            Body = PersonasAsync,
        },
    ];

    /// <summary>The verbs of one pod's life this check sends, in the persona's order.</summary>
    private static readonly PersonaVerb[] PodVerbs = [PersonaVerb.Add, PersonaVerb.Check, PersonaVerb.Del];

    private static async Task PersonasAsync(CheckContext ctx)
    {
        // Every other check already calls the plugin as the run's own persona (--runtime, libcni by default). One
        // persona at a time: parallel ADDs are concurrency.*'s subject, and a race here would be blamed on a persona.
        foreach (var persona in RuntimePersonas.All.Where(p => p != ctx.Plan.Options.Runtime))
        {
            var a = ctx.NewAttachment(persona: persona);
            var (verb, step) = await LifeAsync(ctx, a);
            if (step is null)
            {
                ctx.Note($"{persona.Name}: {string.Join(", ", Sent(ctx, a).Select(Name))} passed (CNI_ARGS \"{ArgsText(a)}\", CNI_NETNS {a.Netns})");
                continue;
            }

            // The same pod's life as cnitest's own calls make it: a failure there is no persona's doing, and the check
            // of that verb judges it (portmap 1.1.1's CHECK fails either way where ip6tables works: plugins#819).
            var plain = ctx.NewAttachment(persona: RuntimePersonas.Libcni);
            plain.Persona = persona; // the persona's verbs, cnitest's own shapes and arguments
            if (await FailsAtAsync(ctx, plain, verb))
            {
                ctx.Note($"{persona.Name}: {Name(verb)} fails with cnitest's own container id, netns path and arguments too: not a persona difference; the {Name(verb)} checks judge it");
                continue;
            }

            if (await DiagnoseAsync(ctx, persona, verb) is not { } diagnosis)
            {
                ctx.Note($"{persona.Name}: {Name(verb)} failed once and not again with the same arguments: no persona difference to blame; the other checks judge a plugin that fails now and then");
                continue;
            }

            var (rule, level, why) = diagnosis;
            ctx.Require(step, $"as {persona.Name} ({persona.Caller}), {Name(verb)} with CNI_CONTAINERID {a.ContainerId}, "
                + $"CNI_NETNS {a.Netns}, CNI_ARGS \"{ArgsText(a)}\" and capability args [{string.Join(", ", a.CapabilityArgs.Keys)}] ({why})",
                rule, level);
        }
    }

    /// <summary>The verbs this check sends for <paramref name="a"/>: the persona's, where the version and config allow.</summary>
    private static IEnumerable<PersonaVerb> Sent(CheckContext ctx, Attachment a) =>
        PodVerbs.Where(v => a.Persona.Sends(v)
                            && (v != PersonaVerb.Check || (SpecVersions.HasCheck(ctx.Version) && !ctx.ChecksDisabled(a))));

    /// <summary>Runs the pod's life; the verb and step that failed, or (Add, null) when all succeeded.</summary>
    private static async Task<(PersonaVerb Verb, StepResult? Failed)> LifeAsync(CheckContext ctx, Attachment a)
    {
        var added = false;
        foreach (var verb in Sent(ctx, a))
        {
            var step = verb switch
            {
                PersonaVerb.Add => await ctx.AddAsync(a),
                PersonaVerb.Check => await ctx.CheckAsync(a),
                _ => await ctx.DelAsync(a),
            };
            added |= verb == PersonaVerb.Add && step.Succeeded;
            if (!step.Succeeded)
            {
                if (added && verb != PersonaVerb.Del)
                {
                    await ctx.DelAsync(a); // best effort: the fake host goes anyway, but the next persona's pod starts clean
                }

                return (verb, step);
            }
        }

        return (PersonaVerb.Add, null);
    }

    /// <summary>
    /// Which part of the persona the plugin trips over, found by calling again with parts of it: its container id
    /// and netns path alone (P77), then with its CNI_ARGS too (P76), then with all of it, capability args included
    /// (P78); null when even that passes (the failure did not repeat).
    /// </summary>
    private static async Task<(string Rule, RuleLevel Level, string Why)?> DiagnoseAsync(CheckContext ctx, RuntimePersona persona, PersonaVerb verb)
    {
        var libcni = RuntimePersonas.Libcni;
        var shapes = ctx.NewAttachment(persona: persona);
        shapes.Args = libcni.Args(shapes.Pod);
        shapes.CapabilityArgs = libcni.CapabilityArgs(shapes.Index, shapes.Network.Name, shapes.Pod);
        if (await FailsAtAsync(ctx, shapes, verb))
        {
            return ("P77", RuleLevel.Must, $"it fails the same way without CNI_ARGS and with the suite's capability args: the container id or netns path of {persona.Name}'s shape is what it cannot take");
        }

        var withArgs = ctx.NewAttachment(persona: persona);
        withArgs.CapabilityArgs = libcni.CapabilityArgs(withArgs.Index, withArgs.Network.Name, withArgs.Pod);
        if (await FailsAtAsync(ctx, withArgs, verb))
        {
            return ("P76", RuleLevel.Should, $"it passes without CNI_ARGS and fails with {persona.Name}'s: keys it does not know must be ignored under IgnoreUnknown=1");
        }

        if (!await FailsAtAsync(ctx, ctx.NewAttachment(persona: persona), verb))
        {
            return null;
        }

        return ("P78", RuleLevel.Should, $"it passes with {persona.Name}'s CNI_ARGS and the suite's capability args, and fails with {persona.Name}'s capability values");
    }

    private static async Task<bool> FailsAtAsync(CheckContext ctx, Attachment a, PersonaVerb verb)
    {
        var (failedVerb, step) = await LifeAsync(ctx, a);
        return step is not null && failedVerb == verb;
    }

    private static string ArgsText(Attachment a) => string.Join(";", a.Args.Select(p => $"{p.Key}={p.Value}"));

    private static string Name(PersonaVerb verb) => verb.ToString().ToUpperInvariant();
}
