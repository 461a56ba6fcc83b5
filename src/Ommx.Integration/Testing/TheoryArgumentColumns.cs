using System.Collections;
using System.Globalization;
using Ommx.Integration.Experiments;

namespace Ommx.Integration.Testing;

/// <summary>
/// The column rule for theory arguments. Each value has a family — number (integers and floats, one column
/// that OMMX turns into float64 when both occur), bool, or text (strings, chars, enums, dates and any other
/// object's invariant text); <c>null</c> is no value (pandas shows <c>&lt;NA&gt;</c>). An argument is stored
/// under its parameter name when its family is the name's <em>plain family</em>, otherwise under
/// <c>&lt;name&gt;:number</c>, <c>&lt;name&gt;:bool</c> or <c>&lt;name&gt;:text</c>. The plain family of a name
/// is the first of number, bool, text that some theory in the assembly declares for a parameter of that name
/// (<c>object</c> and generic parameters declare nothing; a name with no declaration is text). The rule looks
/// only at the assembly's declarations, so the same suite always gives the same columns whatever runs first,
/// and no two values under one key have incompatible types.
/// </summary>
internal sealed class TheoryArgumentColumns
{
    private readonly Dictionary<string, ArgumentFamily> plain = new(StringComparer.Ordinal);

    /// <param name="declarations">Every theory parameter of the assembly: its name and declared type.</param>
    public TheoryArgumentColumns(IEnumerable<KeyValuePair<string, Type>> declarations)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        foreach (var (name, type) in declarations)
        {
            if (FamilyOf(type) is { } family && (!plain.TryGetValue(name, out var current) || family < current))
            {
                plain[name] = family;
            }
        }
    }

    /// <summary>
    /// Each declared name with the type its plain column holds (number as int64, which float64 values join). A session
    /// claims these columns before any test runs, so test code that logs one of these names with another type is the
    /// one refused, whatever runs first.
    /// </summary>
    public IEnumerable<KeyValuePair<string, RunParameterKind>> PlainColumns =>
        plain.Select(p => new KeyValuePair<string, RunParameterKind>(p.Key, p.Value switch
        {
            ArgumentFamily.Number => RunParameterKind.Int64,
            ArgumentFamily.Bool => RunParameterKind.Bool,
            _ => RunParameterKind.String,
        }));

    /// <summary>No declarations known: every name's plain family is text.</summary>
    public static TheoryArgumentColumns None { get; } = new([]);

    /// <summary>The key and value an argument is recorded as; <c>null</c> for a <c>null</c> argument.</summary>
    public (string Key, RunParameterValue Value)? Column(string name, object? argument)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ToValue(argument) is not { } value)
        {
            return null;
        }

        var family = FamilyOf(value.Kind);
        var plainFamily = plain.TryGetValue(name, out var declared) ? declared : ArgumentFamily.Text;
        return (family == plainFamily ? name : SuffixedKey(name, family), value);
    }

    /// <summary>The type-suffixed key of a value whose family is not the name's plain family.</summary>
    public static string SuffixedKey(string name, RunParameterKind kind) => SuffixedKey(name, FamilyOf(kind));

    private static string SuffixedKey(string name, ArgumentFamily family) => family switch
    {
        ArgumentFamily.Number => name + ":number",
        ArgumentFamily.Bool => name + ":bool",
        _ => name + ":text",
    };

    /// <summary>An argument as a run-parameter value (see the class summary); <c>null</c> stays <c>null</c>.</summary>
    public static RunParameterValue? ToValue(object? argument) => argument switch
    {
        null => null,
        bool b => RunParameterValue.From(b),
        sbyte or byte or short or ushort or int or uint or long => RunParameterValue.From(Convert.ToInt64(argument, CultureInfo.InvariantCulture)),
        ulong u when u <= long.MaxValue => RunParameterValue.From((long)u),
        float f => RunParameterValue.From((double)f),
        double d => RunParameterValue.From(d),
        decimal m => RunParameterValue.From((double)m),
        _ => RunParameterValue.From(Text(argument)),
    };

    /// <summary>Invariant text of any other argument: dates in round-trip form, sequences as <c>[a, b]</c>.</summary>
    private static string Text(object argument) => argument switch
    {
        string s => s,
        char c => c.ToString(),
        Enum e => e.ToString(),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        Type t => t.FullName ?? t.Name,
        IEnumerable sequence => "[" + string.Join(", ", sequence.Cast<object?>().Take(100).Select(item => item is null ? "null" : Text(item))) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => argument.ToString() ?? argument.GetType().Name,
    };

    private static ArgumentFamily FamilyOf(RunParameterKind kind) => kind switch
    {
        RunParameterKind.Int64 or RunParameterKind.Float64 => ArgumentFamily.Number,
        RunParameterKind.Bool => ArgumentFamily.Bool,
        _ => ArgumentFamily.Text,
    };

    /// <summary>The family a declared parameter type gives its values; <c>null</c> when it can hold any family.</summary>
    private static ArgumentFamily? FamilyOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsByRef)
        {
            type = type.GetElementType()!;
        }

        if (type.IsGenericParameter || type == typeof(object) || type == typeof(ValueType) || type == typeof(Enum) || type.IsInterface)
        {
            return null;
        }

        if (type == typeof(bool))
        {
            return ArgumentFamily.Bool;
        }

        if (type.IsPrimitive && type != typeof(char) && type != typeof(IntPtr) && type != typeof(UIntPtr) || type == typeof(decimal))
        {
            return ArgumentFamily.Number;
        }

        return ArgumentFamily.Text;
    }
}
