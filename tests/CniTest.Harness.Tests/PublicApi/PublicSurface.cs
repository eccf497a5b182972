using System.Reflection;
using System.Runtime.CompilerServices;

namespace CniTest.Harness.Tests.PublicApi;

/// <summary>
/// What another assembly can see of an assembly: public types (and public or protected nested types of those), and
/// their public or protected members. Compiler-generated members (a record's <c>&lt;Clone&gt;$</c>,
/// <c>EqualityContract</c>, <c>Equals</c>, <c>PrintMembers</c>, <c>Deconstruct</c>, …, and accessors, which are
/// shown through their property) are left out, the same way for the API text and for the doc-comment check.
/// </summary>
internal static class PublicSurface
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>Visible top-level types, by full name (nested types are reached through <see cref="NestedTypes"/>).</summary>
    public static IReadOnlyList<Type> TopLevelTypes(Assembly assembly) =>
        assembly.GetExportedTypes()
            .Where(t => !t.IsNested && IsShown(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every visible type, nested ones included.</summary>
    public static IReadOnlyList<Type> AllTypes(Assembly assembly) =>
        TopLevelTypes(assembly).SelectMany(WithNested).ToList();

    public static IReadOnlyList<Type> NestedTypes(Type type) =>
        type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)
            .Where(t => (t.IsNestedPublic || t.IsNestedFamily || t.IsNestedFamORAssem) && IsShown(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Visible members declared by <paramref name="type"/> itself: no nested types, no accessors.</summary>
    public static IReadOnlyList<MemberInfo> Members(Type type)
    {
        var accessors = type.GetProperties(Declared).SelectMany(p => p.GetAccessors(nonPublic: true))
            .Concat(type.GetEvents(Declared).SelectMany(e => new[] { e.AddMethod, e.RemoveMethod, e.RaiseMethod }))
            .OfType<MethodInfo>()
            .ToHashSet();
        return type.GetMembers(Declared)
            .Where(m => m is not Type && !(m is MethodInfo method && accessors.Contains(method)))
            .Where(m => m is not FieldInfo { IsSpecialName: true }) // an enum's value__
            .Where(m => IsVisible(m) && IsShown(m))
            .ToList();
    }

    /// <summary>True for a record class or record struct (both get a compiler-generated <c>PrintMembers</c>).</summary>
    public static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$", Declared) is not null
        || type.GetMethod("PrintMembers", Declared) is { } print && print.IsDefined(typeof(CompilerGeneratedAttribute));

    private static IEnumerable<Type> WithNested(Type type) => NestedTypes(type).SelectMany(WithNested).Prepend(type);

    /// <summary>Not compiler-generated and not unspeakable (C# 14 extension blocks compile to <c>&lt;G&gt;$…</c> types).</summary>
    private static bool IsShown(MemberInfo member) =>
        !member.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) && !member.Name.Contains('<');

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => IsVisible(a)),
        EventInfo e => e.AddMethod is { } add && IsVisible(add),
        _ => false,
    };
}
