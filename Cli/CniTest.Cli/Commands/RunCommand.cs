using System.CommandLine;
using CniTest.Cli.Commands.Run;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Reporting;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Cli.Commands;

/// <summary>
/// <c>run --plugin PATH</c>: the conformance suite for any plugin binary, isolated in fake hosts (issue 5). The
/// option names are a contract CI scripts depend on. Exit 0 when no check failed, 1 when one did, 2 for a usage,
/// config or environment problem (with a one-line reason) or when a check errored and none failed, 130 when interrupted. Flaky checks (passed on a rerun,
/// <c>--retries</c>) exit 0 with a warning unless <c>--fail-on-flaky</c>; the CI outputs are in <see cref="CiOptions"/>.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext ctx)
    {
        var plugin = new Option<string?>("--plugin")
        {
            Description = "The plugin binary under test [default: our own cnitest-bridge, or cnitest-ipam with --role ipam, " +
                          "built by ./cnitest on first use]",
        };
        var role = new Option<string>("--role") { Description = "How the plugin is used: interface, chained or ipam", DefaultValueFactory = _ => "interface" };
        role.AcceptOnlyFromAmong("interface", "chained", "ipam");
        var config = new Option<string?>("--config") { Description = "A network config or conflist to use as is instead of the built-in one for the role" };
        var cniVersion = new Option<string?>("--cni-version") { Description = "Run at this version only, or 'all' to run the deep checks at every advertised version [default: matrix at every advertised version, deep checks at the highest]" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds each plugin call may take before it is killed", DefaultValueFactory = _ => 10 };
        var profile = new Option<string>("--profile") { Description = "runtime: fail MUST rules and the SHOULD rules runtimes depend on; spec: fail MUST rules only", DefaultValueFactory = _ => "runtime" };
        profile.AcceptOnlyFromAmong("runtime", "spec");
        var strict = new Option<bool>("--strict") { Description = "Turn every warning into a failure" };
        var report = new Option<string?>("--report") { Description = "Write the results as JSON to this file (schema: cnitest schema report)" };
        var junit = new Option<string?>("--junit") { Description = "Write the results as JUnit XML to this file" };
        var filter = new Option<string?>("--filter") { Description = "Only checks whose id contains this text, or that enforce this rule id of the catalogue (e.g. del. or P27; comma-separated alternatives; cnitest list shows them)" };
        var hostProfile = new Option<string>("--host-profile")
        {
            Description = "How each fake host is set up: plain (a fresh namespace) or docker (as a Docker-installed node: FORWARD policy DROP, " +
                          "forwarding on, bridge-nf-call-iptables=1)",
            DefaultValueFactory = _ => "plain",
        };
        hostProfile.AcceptOnlyFromAmong("plain", "docker");
        var nodes = new Option<int>("--nodes")
        {
            Description = "1, or 2: two fake hosts on an underlay link, each with its own pod range (host-gw routes), and the cross-node check " +
                          "(pods on both nodes reach each other without NAT; the built-in interface config then does not masquerade)",
            DefaultValueFactory = _ => 1,
        };
        nodes.AcceptOnlyFromAmong("1", "2");
        var ipFamily = new Option<string?>("--ip-family")
        {
            Description = "Address families of the built-in configs: ipv4, ipv6 or dual [default: dual where the kernel has IPv6, else ipv4]",
        };
        ipFamily.AcceptOnlyFromAmong("ipv4", "ipv6", "dual");
        var sandbox = new Option<string>("--sandbox")
        {
            Description = "What each sandbox (container side of an attachment) is: netns (a bare network namespace) or docker " +
                          "(a --network none container of a local busybox image, through DOCKER_HOST or else a private dockerd " +
                          "that cnitest starts and stops; needs docker.io and busybox-static)",
            DefaultValueFactory = _ => "netns",
        };
        sandbox.AcceptOnlyFromAmong("netns", "docker");
        var runtime = new Option<string>("--runtime")
        {
            Description = "Call plugins as this runtime does, for the whole suite: libcni (cnitest's own calls: no CNI_ARGS), containerd " +
                          "(CRI plugin via go-cni), crio (via ocicni) or podman (CNI backend): its CNI_ARGS, capability args, container " +
                          "ids, netns paths and verbs (checks of verbs it never sends are skipped). runtime.personas tries the others in every run",
            DefaultValueFactory = _ => "libcni",
        };
        runtime.AcceptOnlyFromAmong([.. CniTest.Scenarios.Runtimes.RuntimePersonas.Names]);
        var jobs = new Option<int>("--jobs") { Description = "Checks run at once, each in its own fake host (the default is twice the number of cores)", DefaultValueFactory = _ => RunOptions.DefaultJobs };
        // A validator runs even when the value did not convert ("--jobs many"); GetValueOrDefault then throws out of
        // Parse. The parser already reports the conversion, so the validators look only at values that converted.
        timeout.Validators.Add(r =>
        {
            if (Converted<double>(r) is { } seconds && TimeoutOption.Problem(seconds) is { } problem)
            {
                r.AddError(problem);
            }
        });
        jobs.Validators.Add(r =>
        {
            if (Converted<int>(r) is < 1)
            {
                r.AddError("--jobs must be at least 1");
            }
        });

        var ci = new CiOptions();
        var command = new Command("run", "Run the conformance suite against a plugin binary, isolated in fake host namespaces. " +
            "Exit codes: 0 no check failed (skips, warnings and flaky checks allowed); 1 a check failed (or was flaky, with --fail-on-flaky); " +
            "2 usage, config or environment problem, or a check errored (did not run to its end: a harness problem or an internal " +
            "error of cnitest) and none failed; 130 interrupted")
        {
            plugin, role, config, cniVersion, timeout, profile, strict, report, junit, filter, ipFamily, hostProfile, nodes, sandbox, runtime, jobs,
        };
        ci.AddTo(command);
        var record = new RecordOptions();
        foreach (var o in record.All)
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parse, ct) =>
        {
            PluginRoles.TryParse(parse.GetValue(role), out var parsedRole);
            var options = new RunOptions
            {
                PluginPath = parse.GetValue(plugin) is { } given ? ctx.FullPath(given) : OwnPlugin(ctx, parsedRole),
                Role = parsedRole,
                ConfigPath = parse.GetValue(config) is { } c ? ctx.FullPath(c) : null,
                CniVersion = parse.GetValue(cniVersion),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Policy = new ProfilePolicy(parse.GetValue(profile) == "spec" ? RunProfile.Spec : RunProfile.Runtime, parse.GetValue(strict)),
                Filter = parse.GetValue(filter),
                Jobs = parse.GetValue(jobs),
                HostProfile = parse.GetValue(hostProfile) == "docker" ? HostProfile.Docker : HostProfile.Plain,
                Nodes = parse.GetValue(nodes),
                Sandbox = parse.GetValue(sandbox) == "docker" ? SandboxMode.Docker : SandboxMode.Netns,
                PartnerPath = ctx.Env("CNI_PATH") is { } p ? [.. Harness.Invocation.PluginLocator.SplitPath(p).Select(ctx.FullPath)] : null,
                IpFamily = IpFamilyOption(ctx, parse.GetValue(ipFamily)),
                Recorder = record.Open(parse, ctx, append: false),
                Runtime = CniTest.Scenarios.Runtimes.RuntimePersonas.TryParse(parse.GetValue(runtime), out var persona) ? persona : CniTest.Scenarios.Runtimes.RuntimePersonas.Libcni,
            };
            options = ci.Apply(parse, options);
            var reportPath = parse.GetValue(report) is { } r ? ctx.FullPath(r) : null;
            var junitPath = parse.GetValue(junit) is { } j ? ctx.FullPath(j) : null;
            return await RunAsync(ctx, options, reportPath, junitPath, ci.Outputs(ctx, parse), ct);
        });
        return command;
    }

    private static T? Converted<T>(System.CommandLine.Parsing.OptionResult r) where T : struct
    {
        try
        {
            return r.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Without <c>--plugin</c> the suite runs against our own reference plugins (issue 6), which the launcher publishes
    /// with NativeAOT and names in <c>CNITEST_OWN_PLUGINS</c>.
    /// </summary>
    private static string OwnPlugin(CliContext ctx, PluginRole role)
    {
        var name = role switch
        {
            PluginRole.Ipam => "cnitest-ipam",
            PluginRole.Interface => "cnitest-bridge",
            _ => throw new UsageException("--role chained needs --plugin: we ship no chained plugin of our own"),
        };
        var dir = ctx.Env("CNITEST_OWN_PLUGINS");
        var path = dir is null ? null : Path.Combine(ctx.FullPath(dir), name);
        return path is not null && File.Exists(path)
            ? path
            : throw new UsageException(dir is null
                // An installed .NET tool (dotnet tool install) ships no plugins: only a clone's ./cnitest publishes ours.
                ? $"no --plugin given: name the plugin to test, e.g. --plugin /usr/lib/cni/bridge (our own {name} is built only by ./cnitest in a clone of the repository)"
                : $"no --plugin given and our own {name} is not built: run through ./cnitest (it builds it), or name a plugin with --plugin");
    }

    /// <summary>The <c>--ip-family</c> asked for, or the default with a one-line note when the kernel lacks IPv6.</summary>
    private static IpFamily IpFamilyOption(CliContext ctx, string? given)
    {
        if (IpFamilies.TryParse(given, out var family))
        {
            return family; // ipv6 or dual on a kernel without IPv6: the preflight's exit 2 says why
        }

        if (!IpFamilies.KernelSupportsIpv6)
        {
            ctx.Error.WriteLine("cnitest: note: this kernel has no IPv6, so the built-in configs are IPv4 only");
        }

        return IpFamilies.Default;
    }

    internal static async Task<int> RunAsync(CliContext ctx, RunOptions options, string? reportPath, string? junitPath, CiOutputs ci, CancellationToken ct)
    {
        if (RunDirectory.SweepStale() is { } recovered)
        {
            ctx.Error.WriteLine($"cnitest: {recovered}"); // a run killed with SIGKILL left these (issue 12)
        }

        using var guard = new InterruptGuard();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, guard.Token);
        var printer = RunPrinter.Create(ctx);
        RunReport result;
        try
        {
            result = await printer.RunAsync(observer => SuiteRunner.RunAsync(options, observer, linked.Token));
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            ctx.Error.WriteLine("cnitest: interrupted; every fake host and sandbox was removed");
            return ExitCodes.Interrupted;
        }

        if (reportPath is not null)
        {
            JsonReportWriter.Write(result, reportPath);
        }

        if (junitPath is not null)
        {
            JUnitReportWriter.Write(result, junitPath);
        }

        printer.Summary(result);
        return ci.Finish(ctx, result);
    }
}
