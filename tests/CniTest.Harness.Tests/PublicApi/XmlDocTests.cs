using System.Xml.Linq;
using CniTest.Harness.Operations;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.PublicApi;

/// <summary>
/// The compiler's CS1591 catches a public member with no doc comment; these catch what it accepts: a comment with
/// no <c>&lt;summary&gt;</c> (only <c>&lt;param&gt;</c> or <c>&lt;remarks&gt;</c>), an empty one, and a positional
/// record parameter without a <c>&lt;param&gt;</c> (its property then has no documentation at all).
/// </summary>
public class XmlDocTests
{
    private static readonly string XmlPath = Path.ChangeExtension(typeof(CniRuntime).Assembly.Location, ".xml");

    /// <summary>
    /// Members in Invocation/, Operations/ and Sandbox/, which the runtime refactor (issue 9) is changing and will
    /// document: most are in files that still start with <c>#pragma warning disable CS1591</c>; the others have a
    /// comment the compiler accepts but no summary. Remove an entry when its member gets a summary (the last test
    /// fails on entries that are documented or gone, so the list only shrinks), and the pragma when its file is done.
    /// </summary>
    private static readonly HashSet<string> NotYetDocumented =
    [
        // Invocation/ProcessPluginExecutor.cs (pragma)
        "M:CniTest.Harness.Invocation.ProcessPluginExecutor.ExecuteAsync(System.String,CniTest.Harness.Invocation.InvocationRequest,System.Threading.CancellationToken)",

        // Sandbox/SandboxException.cs (pragma)
        "P:CniTest.Harness.Sandbox.SandboxException.Errno",
    ];

    [Fact]
    public void DocumentationFile_NextToTheAssembly_IsProduced()
    {
        // Act
        var doc = XDocument.Load(XmlPath);

        // Assert
        doc.Root!.Element("assembly")!.Element("name")!.Value.Should().Be("CniTest.Harness");
        doc.Root!.Element("members")!.Elements("member").Should().NotBeEmpty();
    }

    [Fact]
    public void PublicMembers_OutsideTheAllowList_HaveANonEmptySummary()
    {
        // Arrange
        var documented = DocumentedIds();

        // Act
        var missing = PublicIds().Where(id => !documented.Contains(id) && !NotYetDocumented.Contains(id));

        // Assert: one id a line, all of them.
        string.Join('\n', missing).Should().BeEmpty("every public type and member says what it is in a <summary> (issue 9)");
    }

    [Fact]
    public void AllowList_Entries_AreStillPublicAndUndocumented()
    {
        // Arrange
        var documented = DocumentedIds();
        var publicIds = PublicIds().ToHashSet();

        // Act
        var stale = NotYetDocumented.Where(id => documented.Contains(id) || !publicIds.Contains(id));

        // Assert
        string.Join('\n', stale).Should().BeEmpty("documented or removed members leave the allow-list, so it only shrinks");
    }

    /// <summary>Doc ids of every visible type and member, the compiler's implicit parameterless constructors excepted.</summary>
    private static IEnumerable<string> PublicIds()
    {
        var inXml = AllIds();
        return PublicSurface.AllTypes(typeof(CniRuntime).Assembly)
            .SelectMany(t => PublicSurface.Members(t).Select(DocCommentId.Of).Prepend(DocCommentId.Of(t)))
            .Where(id => !(id.EndsWith(".#ctor", StringComparison.Ordinal) && !inXml.Contains(id)));
    }

    /// <summary>Ids whose entry has a non-blank summary, or inherits one (<c>&lt;inheritdoc/&gt;</c>).</summary>
    private static HashSet<string> DocumentedIds() =>
        Members()
            .Where(m => !string.IsNullOrWhiteSpace(m.Element("summary")?.Value) || m.Element("inheritdoc") is not null)
            .Select(m => m.Attribute("name")!.Value)
            .ToHashSet();

    private static HashSet<string> AllIds() => Members().Select(m => m.Attribute("name")!.Value).ToHashSet();

    private static IEnumerable<XElement> Members() => XDocument.Load(XmlPath).Root!.Element("members")!.Elements("member");
}
