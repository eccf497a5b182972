using CniTest.Harness.Schemas;

namespace CniTest.Cli.Commands;

/// <summary>
/// One-shot <c>cnitest add</c> (issue 14 part 1): the first schema validation in a process costs about 250 ms of CPU
/// (NJsonSchema and Newtonsoft.Json load, reflect and JIT once; the validation itself is well under 1 ms). Every
/// result is still validated (R27, P14); this only starts that one-time cost on a pool thread while the main thread
/// loads the config and runs the plugins, so on a machine with a free core the two overlap instead of adding up.
/// </summary>
internal static class SchemaWarmup
{
    /// <summary>Loads the ADD result schema of <paramref name="cniVersion"/> (the version results usually come back in).</summary>
    public static Task Start(string cniVersion) => Task.Run(() =>
    {
        try
        {
            if (SchemaCatalog.Has(SchemaKind.Result, cniVersion))
            {
                // Validating a small document also JIT-compiles the validator's own path, not just the loader's.
                _ = SchemaValidator.Validate(SchemaKind.Result, cniVersion, "{}");
            }
        }
        catch (Exception)
        {
            // Only a warm-up: the real validation reports whatever went wrong here.
        }
    });
}
