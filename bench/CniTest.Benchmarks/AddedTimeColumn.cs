using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CniTest.Benchmarks;

/// <summary>
/// The figure in BenchmarkDotNet's table: each benchmark's mean minus the baseline's (the direct exec), in ms,
/// so "added by the runtime per call" is read off the table instead of computed from two rows by hand.
/// </summary>
internal sealed class AddedTimeColumn : IColumn
{
    public string Id => nameof(AddedTimeColumn);

    public string ColumnName => "Added vs direct (ms)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean minus the baseline's mean (the bare Process exec): the time the path adds per call";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var baseline = summary.BenchmarksCases.FirstOrDefault(b => b.Descriptor.Baseline);
        var mine = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var theirs = baseline is null ? null : summary[baseline]?.ResultStatistics?.Mean;
        return mine is null || theirs is null ? "?" : ((mine.Value - theirs.Value) / 1e6).ToString("F3", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public override string ToString() => ColumnName;

    /// <summary>Adds the column to a benchmark class: <c>[Config(typeof(AddedTimeColumn.Config))]</c>.</summary>
    internal sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new AddedTimeColumn());
    }
}
