using System.Reflection;
using System.Runtime.CompilerServices;

namespace CniTest.Harness.Tests.PublicApi;

/// <summary>
/// C# spellings of types for the API text: keywords for the built-in types, full names for everything else (so
/// <c>CniTest.Harness.Results.Dns</c> and <c>System.Net.Dns</c> stay apart), <c>T?</c> for nullable value types and
/// for nullable-annotated references, and tuples with their element names.
/// </summary>
internal static class TypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(char)] = "char", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short",
        [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long",
        [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double",
        [typeof(decimal)] = "decimal", [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
    };

    /// <summary>A type without nullability information (base types, interfaces, constraints).</summary>
    public static string Of(Type type) => Render(type, null, ReadState, new TupleNames(null));

    /// <summary>A parameter's type as the caller passes it; an out or ref parameter's as the caller reads it.</summary>
    public static string Of(ParameterInfo parameter)
    {
        var isInput = parameter.Position >= 0 && !parameter.ParameterType.IsByRef;
        return Render(parameter.ParameterType, new NullabilityInfoContext().Create(parameter),
            isInput ? WriteState : ReadState, new TupleNames(parameter.GetCustomAttribute<TupleElementNamesAttribute>()));
    }

    public static string Of(PropertyInfo property) =>
        Render(property.PropertyType, new NullabilityInfoContext().Create(property),
            property.GetMethod is null ? WriteState : ReadState,
            new TupleNames(property.GetCustomAttribute<TupleElementNamesAttribute>()));

    public static string Of(FieldInfo field) =>
        Render(field.FieldType, new NullabilityInfoContext().Create(field), ReadState,
            new TupleNames(field.GetCustomAttribute<TupleElementNamesAttribute>()));

    public static string Of(EventInfo e) =>
        Render(e.EventHandlerType!, new NullabilityInfoContext().Create(e), ReadState, new TupleNames(null));

    /// <summary>The name a declaration uses: no namespace or outer type, generic parameters spelled out.</summary>
    public static string DeclarationName(Type type)
    {
        var own = OwnGenericArguments(type);
        return Simple(type) + (own.Length == 0 ? "" : "<" + string.Join(", ", own.Select(a => a.Name)) + ">");
    }

    /// <summary>The name without its generic arity (<c>List`1</c> → <c>List</c>).</summary>
    public static string Simple(Type type) => type.Name.Split('`')[0];

    private static NullabilityState ReadState(NullabilityInfo info) => info.ReadState;

    private static NullabilityState WriteState(NullabilityInfo info) => info.WriteState;

    private static string Render(Type type, NullabilityInfo? info, Func<NullabilityInfo, NullabilityState> state, TupleNames names)
    {
        if (type.IsByRef || type.IsPointer)
        {
            // Nullability of a by-ref parameter describes the referenced type.
            return Render(type.GetElementType()!, info, state, names) + (type.IsPointer ? "*" : "");
        }

        var mark = info is not null && !type.IsValueType && state(info) == NullabilityState.Nullable ? "?" : "";
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Render(underlying, info?.GenericTypeArguments.FirstOrDefault(), state, names) + "?";
        }

        if (type.IsArray)
        {
            var element = Render(type.GetElementType()!, info?.ElementType, state, names);
            return element + "[" + new string(',', type.GetArrayRank() - 1) + "]" + mark;
        }

        if (type.IsGenericParameter)
        {
            // Reflection reports an unconstrained T as nullable whether or not it was written T?, so show neither.
            return type.Name;
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword + mark;
        }

        var arguments = type.GetGenericArguments();
        string Argument(int i) => Render(arguments[i], info?.GenericTypeArguments.ElementAtOrDefault(i), state, names);
        if (type.IsGenericType && type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
        {
            // Element names come first for this tuple, then for tuples nested in its elements (pre-order, as Roslyn writes them).
            var elementNames = names.Take(arguments.Length);
            var elements = arguments.Select((_, i) => Argument(i) + (elementNames[i] is { } n ? " " + n : ""));
            return "(" + string.Join(", ", elements) + ")" + mark;
        }

        var outer = type.IsNested ? Render(type.DeclaringType!, null, state, names) : type.Namespace;
        var own = OwnGenericArguments(type);
        var offset = arguments.Length - own.Length;
        var generics = own.Length == 0 ? "" : "<" + string.Join(", ", own.Select((_, i) => Argument(offset + i))) + ">";
        return outer + "." + Simple(type) + generics + mark;
    }

    /// <summary>The generic arguments a type declares itself (a nested type also carries its outer type's).</summary>
    private static Type[] OwnGenericArguments(Type type)
    {
        var all = type.GetGenericArguments();
        var outer = type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0;
        return all[outer..];
    }

    /// <summary>The names of <see cref="TupleElementNamesAttribute"/>, handed out in order as tuples are rendered.</summary>
    private sealed class TupleNames(TupleElementNamesAttribute? attribute)
    {
        private readonly IList<string?> _names = attribute?.TransformNames ?? [];
        private int _next;

        public string?[] Take(int count)
        {
            var taken = Enumerable.Range(_next, count).Select(i => i < _names.Count ? _names[i] : null).ToArray();
            _next += count;
            return taken;
        }
    }
}
