using CniTest.Harness.Invocation;
using CniTest.BrokenPlugins.Tests.Support;

namespace CniTest.BrokenPlugins.Tests.Probes;

/// <summary>Failure reporting (P1, P2, P4, P5): malformed input and missing variables, and a crash.</summary>
public static class ErrorProbes
{
    private const string Malformed = "this is not JSON";

    /// <summary>Codes 0-99 that the spec does not define (checklist errata on P5).</summary>
    private static readonly HashSet<int> Undefined =
        [0, 8, 9, 10, .. Enumerable.Range(12, 38), .. Enumerable.Range(52, 48)];

    /// <summary>P2: a failure leaves an error object with code and msg on stdout.</summary>
    public static async Task<Evidence> StderrOnly(Lab lab, string plugin)
    {
        var add = await MalformedAdd(lab, plugin);
        return Evidence.When(add.ExitCode != 0 && !add.HasErrorObject(), add.Describe());
    }

    /// <summary>P1: a failure exits non-zero.</summary>
    public static async Task<Evidence> ExitZero(Lab lab, string plugin)
    {
        var add = await MalformedAdd(lab, plugin);
        return Evidence.When(add.ExitCode == 0, add.Describe());
    }

    /// <summary>P5: the code of a decode failure is not an undefined reserved code.</summary>
    public static async Task<Evidence> UndefinedCode(Lab lab, string plugin)
    {
        var add = await MalformedAdd(lab, plugin);
        return Evidence.When(add.ErrorCode() is { } code && Undefined.Contains(code), add.Describe());
    }

    /// <summary>P5: code 1 (incompatible version) is not used for a decode failure.</summary>
    public static async Task<Evidence> CodeOneMisused(Lab lab, string plugin)
    {
        var add = await MalformedAdd(lab, plugin);
        return Evidence.When(add.ErrorCode() == 1, add.Describe());
    }

    /// <summary>P4: a missing CNI_IFNAME gives code 4 with a message naming it.</summary>
    public static async Task<Evidence> EnvUnnamed(Lab lab, string plugin)
    {
        var (_, a) = lab.NewAttachment();
        var add = await lab.CallAsync(plugin, CniCommand.Add, lab.InterfaceConf(plugin), a, omit: new HashSet<string> { "CNI_IFNAME" });
        var error = add.SingleObject();
        var text = $"{error?["msg"]} {error?["details"]}";
        return Evidence.When(add.ErrorCode() == 4 && !text.Contains("CNI_IFNAME", StringComparison.Ordinal), add.Describe());
    }

    /// <summary>A crash: death by a signal with nothing on stdout (P2; the runtime must report the signal).</summary>
    public static async Task<Evidence> Crashes(Lab lab, string plugin)
    {
        var (_, a) = lab.NewAttachment();
        var add = await lab.CallAsync(plugin, CniCommand.Add, lab.InterfaceConf(plugin), a);
        return Evidence.When(add.Signal is not null && !add.TimedOut && add.Stdout.Length == 0, add.Describe());
    }

    private static Task<InvocationRecord> MalformedAdd(Lab lab, string plugin)
    {
        var (_, a) = lab.NewAttachment();
        return lab.CallAsync(plugin, CniCommand.Add, Malformed, a);
    }
}
