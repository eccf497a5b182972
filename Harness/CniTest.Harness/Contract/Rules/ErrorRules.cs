using System.Text.Json.Nodes;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Schemas;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Contract.Rules;

/// <summary>P1: an error object on stdout with exit 0 is read as success by libcni.</summary>
internal sealed class ErrorExitCode : OutputRule
{
    public override ContractRule Rule { get; } = new("error.exit-code", "P1", RuleLevel.Must,
        "A plugin that prints an error object exits non-zero (libcni treats exit 0 as success).");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (input.Succeeded && input.Stdout.Single is JsonObject o && o.ContainsKey("msg")
            && CniErrorObject.TryParse(o) is { } error)
        {
            Report(into, $"printed an error object (code {error.Code}: {error}) but exited 0");
        }
    }
}

/// <summary>P2: a failing plugin prints one error object on stdout (cni#732: "failed with no error message").</summary>
internal sealed class ErrorObjectPresent : OutputRule
{
    public override ContractRule Rule { get; } = new("error.object-present", "P2", RuleLevel.Should,
        "A plugin that fails prints exactly one error object {code, msg} on stdout (MUST up to 0.4.0, SHOULD in 1.x).");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (!input.FailedOnItsOwn)
        {
            return;
        }

        var seen = input.Shape switch
        {
            FailureShape.NoOutput => "nothing on stdout or stderr",
            FailureShape.StderrOnly => "nothing on stdout (text on stderr only)",
            FailureShape.UnparsableStdout => $"stdout that is {input.Stdout.Describe()}",
            FailureShape.NotAnErrorObject => "JSON without a numeric \"code\" on stdout",
            _ when !input.Stdout.IsSingle => $"stdout that is {input.Stdout.Describe()}",
            _ => null,
        };
        if (seen is not null)
        {
            Report(into, VersionedLevels.ErrorObject(input),
                $"exited {input.Record.ExitCode} with {seen}; expected one error object on stdout");
        }
    }
}

/// <summary>P2/P3/§3.6: the error object's shape, checked against the error schema of the request's version.</summary>
internal sealed class ErrorSchema : OutputRule
{
    public override ContractRule Rule { get; } = new("error.schema", "P2", RuleLevel.Should,
        "The error object matches the error schema of the request's version: code a non-negative integer, msg and details strings.");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (!input.FailedOnItsOwn || input.Stdout.Single is not JsonObject error || !error.ContainsKey("code"))
        {
            return;
        }

        var version = SchemaCatalog.Has(SchemaKind.Error, input.EffectiveVersion) ? input.EffectiveVersion : CniVersion.Current.ToString();
        foreach (var v in SchemaValidator.Validate(SchemaKind.Error, version, error))
        {
            Report(into, VersionedLevels.ErrorObject(input), $"error object (schema {version}): {v}");
        }
    }
}

/// <summary>
/// P5: codes 0–99 are reserved; only 1–7, 11, 50 and 51 have a meaning, 100 and up are free. MUST up to 0.4.0
/// ("must not be used other than as specified"), SHOULD in 1.x ("reserved"); skel's 8 (ErrInvalidNetNS) is a
/// Go-only habit.
/// </summary>
internal sealed class ErrorCodeDefined : OutputRule
{
    public override ContractRule Rule { get; } = new("error.code-defined", "P5", RuleLevel.Should,
        "The error code is defined (1-7, 11, 50, 51) or plugin-specific (100 and up); 0 and the other codes below 100 are reserved.");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (!input.FailedOnItsOwn || CniErrorObject.TryParse(input.Stdout.Single) is not { } error || CniErrorCodes.IsDefined(error.Code))
        {
            return;
        }

        var level = error.Code == 8 ? RuleLevel.GoOnly
            : input.VersionAtLeast(CniVersion.V100) ? RuleLevel.Should : RuleLevel.Must;
        Report(into, level, $"error code {error.Code} is reserved and undefined" +
            (error.Code == 8 ? " (Go skel's ErrInvalidNetNS)" : "") + $"; use a defined code or one >= {CniErrorCodes.FirstPluginSpecific}");
    }
}

/// <summary>P3: the spec lists <c>cniVersion</c> in the error object; Go's skel never writes it.</summary>
internal sealed class ErrorCniVersion : OutputRule
{
    public override ContractRule Rule { get; } = new("error.cni-version", "P3", RuleLevel.Should,
        "The error object carries cniVersion (the spec lists it; Go's skel omits it).");

    public override void Check(ContractInput input, List<ContractViolation> into)
    {
        if (input.FailedOnItsOwn && input.Stdout.Single is JsonObject o && CniErrorObject.TryParse(o) is not null
            && !o.ContainsKey("cniVersion"))
        {
            Report(into, "error object has no cniVersion");
        }
    }
}
