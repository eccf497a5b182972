using System.Reflection;

namespace CniTest.Harness.Tests.PublicApi;

/// <summary>
/// The id the compiler gives a type or member in the XML documentation file (<c>T:</c>, <c>M:</c>, <c>P:</c>,
/// <c>F:</c>, <c>E:</c>; C# spec annex "Documentation comments", ID string format), computed from reflection.
/// </summary>
internal static class DocCommentId
{
    public static string Of(Type type) => "T:" + TypeName(type);

    public static string Of(MemberInfo member) => member switch
    {
        Type t => Of(t),
        FieldInfo f => "F:" + TypeName(f.DeclaringType!) + "." + f.Name,
        EventInfo e => "E:" + TypeName(e.DeclaringType!) + "." + e.Name,
        PropertyInfo p => "P:" + TypeName(p.DeclaringType!) + "." + p.Name + Parameters(p.GetIndexParameters()),
        MethodBase m => "M:" + TypeName(m.DeclaringType!) + "." + MethodName(m) + Parameters(m.GetParameters())
                        + (m.Name is "op_Implicit" or "op_Explicit" ? "~" + ParameterType(((MethodInfo)m).ReturnType) : ""),
        _ => throw new NotSupportedException(member.GetType().Name),
    };

    private static string MethodName(MethodBase method)
    {
        var name = method.Name.Replace('.', '#'); // .ctor → #ctor, and explicit implementations
        return method.IsGenericMethodDefinition ? name + "``" + method.GetGenericArguments().Length : name;
    }

    private static string Parameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? "" : "(" + string.Join(",", parameters.Select(p => ParameterType(p.ParameterType))) + ")";

    /// <summary>A type as it is declared: nested types joined with '.', generic arity kept (<c>List`1</c>).</summary>
    private static string TypeName(Type type) =>
        (type.IsNested ? TypeName(type.DeclaringType!) : type.Namespace) + "." + type.Name;

    /// <summary>A type as a parameter uses it: generic arguments in braces, <c>`n</c>/<c>``n</c> for type parameters.</summary>
    private static string ParameterType(Type type)
    {
        if (type.IsByRef)
        {
            return ParameterType(type.GetElementType()!) + "@";
        }

        if (type.IsPointer)
        {
            return ParameterType(type.GetElementType()!) + "*";
        }

        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            var bounds = type.IsSZArray ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]";
            return ParameterType(type.GetElementType()!) + bounds;
        }

        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        }

        var prefix = type.IsNested ? ParameterType(type.DeclaringType!) : type.Namespace;
        if (!type.IsGenericType)
        {
            return prefix + "." + type.Name;
        }

        return prefix + "." + type.Name.Split('`')[0] + "{" + string.Join(",", type.GetGenericArguments().Select(ParameterType)) + "}";
    }
}
