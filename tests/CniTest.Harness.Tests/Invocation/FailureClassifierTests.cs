using System.Text;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Invocation;

/// <summary>The failure shapes of checklist R26 plus signal and timeout.</summary>
public sealed class FailureClassifierTests
{
    private static InvocationRecord Record(int? exit, string stdout = "", string stderr = "", bool timedOut = false, int? signal = null) => new()
    {
        PluginPath = "/bin/p",
        Command = "ADD",
        Environment = new Dictionary<string, string>(),
        Stdin = [],
        Stdout = Encoding.UTF8.GetBytes(stdout),
        Stderr = Encoding.UTF8.GetBytes(stderr),
        ExitCode = exit,
        TimedOut = timedOut,
        Signal = signal,
    };

    [Theory]
    [InlineData(0, "{}", "", FailureShape.None)]
    [InlineData(1, "", "", FailureShape.NoOutput)]
    [InlineData(1, "  \n", "", FailureShape.NoOutput)]
    [InlineData(2, "", "panic: boom", FailureShape.StderrOnly)]
    [InlineData(1, "not json", "", FailureShape.UnparsableStdout)]
    [InlineData(1, """{"cniVersion":"1.0.0","ips":[]}""", "", FailureShape.NotAnErrorObject)]
    [InlineData(1, """{"code":7,"msg":"bad"}""", "", FailureShape.ErrorObject)]
    [InlineData(1, """{"code":7,"msg":"bad"}{"code":1,"msg":"x"}""", "", FailureShape.ErrorObject)]
    public void Classify_ExitAndOutput_GivesTheShape(int exit, string stdout, string stderr, FailureShape expected)
    {
        FailureClassifier.Classify(Record(exit, stdout, stderr)).Should().Be(expected);
    }

    [Fact]
    public void Classify_TimedOut_WinsOverEverythingElse()
    {
        FailureClassifier.Classify(Record(137, signal: 9, timedOut: true)).Should().Be(FailureShape.TimedOut);
    }

    [Fact]
    public void Classify_Signal_IsKilledBySignal()
    {
        FailureClassifier.Classify(Record(139, signal: 11)).Should().Be(FailureShape.KilledBySignal);
    }

    [Fact]
    public void ToException_ErrorObject_KeepsCodeMsgAndDetails()
    {
        // Act
        var e = FailureClassifier.ToException("bridge", Record(1, """{"code":2,"msg":"unsupported field","details":"mtu=abc"}"""));

        // Assert
        e.Code.Should().Be(CniErrorCodes.UnsupportedField);
        e.Error.Details.Should().Be("mtu=abc");
        e.Message.Should().Be("plugin type=\"bridge\" failed (add): code 2: unsupported field; mtu=abc");
    }

    [Fact]
    public void ToException_StderrOnly_QuotesStderrAndSynthesisesCodeZero()
    {
        // Act: the cni#732 case: a panic leaves only stderr
        var e = FailureClassifier.ToException("ptp", Record(2, stderr: "panic: nil map\n"));

        // Assert
        e.Code.Should().Be(CniErrorCodes.Unknown);
        e.Message.Should().Contain("\"panic: nil map\"").And.Contain("exit status 2");
    }

    [Fact]
    public void ToException_NoOutput_SaysSo()
    {
        FailureClassifier.ToException("p", Record(1)).Message.Should().Contain("netplugin failed with no error message");
    }
}
