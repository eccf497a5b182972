namespace CniTest.Cli;

/// <summary>
/// The one rule for every <c>--timeout</c> of the CLI: a finite, positive number of seconds that a timer can hold
/// (CancellationTokenSource takes at most int.MaxValue milliseconds). NaN, Infinity and 1e400 used to reach
/// TimeSpan.FromSeconds and end as "internal error".
/// </summary>
internal static class TimeoutOption
{
    public const double MaxSeconds = int.MaxValue / 1000.0;

    /// <summary>Why <paramref name="seconds"/> is not a usable timeout, or null when it is.</summary>
    public static string? Problem(double seconds) =>
        !double.IsFinite(seconds) || seconds <= 0 ? "--timeout must be a positive number of seconds"
        : seconds > MaxSeconds ? $"--timeout must be at most {MaxSeconds:0} seconds"
        : null;

    /// <exception cref="UsageException">The value is not usable.</exception>
    public static TimeSpan ToTimeSpan(double seconds) =>
        Problem(seconds) is { } problem ? throw new UsageException(problem) : TimeSpan.FromSeconds(seconds);
}
