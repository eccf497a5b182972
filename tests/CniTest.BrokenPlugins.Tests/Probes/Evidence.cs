namespace CniTest.BrokenPlugins.Tests.Probes;

/// <summary>What a probe saw: whether the defect showed, and the observation behind that verdict.</summary>
public sealed record Evidence(bool DefectSeen, string Observation)
{
    public static Evidence When(bool defectSeen, string observation) => new(defectSeen, observation);

    public override string ToString() => $"{(DefectSeen ? "defect seen" : "defect absent")}: {Observation}";
}
