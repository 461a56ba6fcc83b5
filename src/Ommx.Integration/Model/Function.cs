using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Ommx.Integration.Model;

/// <summary>
/// A polynomial in decision variables: a constant plus terms, each a coefficient times a
/// <see cref="Monomial"/>. Immutable and canonical (duplicate monomials summed, zero terms dropped,
/// terms sorted), so two functions with the same terms are <see cref="Equals(Function?)">equal</see>.
/// Build one with operators: <c>3 * x[0] + 2 * x[1] - 1</c>, <c>x[0] * x[1]</c>.
/// </summary>
public sealed partial class Function : IEquatable<Function>
{
    private ImmutableArray<ulong> _usedIds;

    internal Function(double constant, ImmutableArray<FunctionTerm> sortedTerms)
    {
        Constant = constant;
        Terms = sortedTerms;
    }

    /// <summary>The function 0.</summary>
    public static Function Zero { get; } = new(0, []);

    /// <summary>The constant term.</summary>
    public double Constant { get; }

    /// <summary>The non-constant terms: non-zero coefficients, each monomial once, ordered by degree then ids.</summary>
    public ImmutableArray<FunctionTerm> Terms { get; }

    /// <summary>The highest monomial degree (0 for a constant).</summary>
    public int Degree => Terms.IsEmpty ? 0 : Terms[^1].Monomial.Degree;

    /// <summary>The ids of the variables the function uses, ascending, each once.</summary>
    public ImmutableArray<ulong> UsedDecisionVariableIds
    {
        get
        {
            if (_usedIds.IsDefault)
            {
                var ids = new SortedSet<ulong>();
                foreach (var term in Terms)
                {
                    ids.UnionWith(term.Monomial.Ids);
                }

                _usedIds = [.. ids];
            }

            return _usedIds;
        }
    }

    /// <summary>The function <paramref name="value"/>.</summary>
    public static Function FromConstant(double value) => value == 0 ? Zero : new Function(value + 0.0, []);

    /// <summary>The function <c>x[id]</c>.</summary>
    public static Function Variable(ulong id) => new(0, [new FunctionTerm(Monomial.Linear(id), 1)]);

    /// <summary>Σ coefficient·monomial + constant, summing repeated monomials and dropping zeros.</summary>
    public static Function FromTerms(IEnumerable<FunctionTerm> terms, double constant = 0)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var sum = new FunctionAccumulator();
        sum.Add(Monomial.One, constant);
        foreach (var term in terms)
        {
            sum.Add(term.Monomial, term.Coefficient);
        }

        return sum.Build();
    }

    /// <summary>Σ coefficient·x[id] + constant.</summary>
    public static Function Linear(IEnumerable<KeyValuePair<ulong, double>> terms, double constant = 0)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return FromTerms(terms.Select(t => new FunctionTerm(Monomial.Linear(t.Key), t.Value)), constant);
    }

    /// <summary>The coefficient of <paramref name="monomial"/> (0 if absent).</summary>
    public double Coefficient(Monomial monomial)
    {
        if (monomial.Degree == 0)
        {
            return Constant;
        }

        foreach (var term in Terms)
        {
            if (term.Monomial == monomial)
            {
                return term.Coefficient;
            }
        }

        return 0;
    }

    /// <summary>
    /// The value at <paramref name="state"/>: each term's coefficient multiplied by its variables left to
    /// right, the terms summed in order, then the constant added.
    /// </summary>
    /// <exception cref="EvaluationException">The state has no value for a variable the function uses.</exception>
    public double Evaluate(IReadOnlyDictionary<ulong, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sum = 0.0;
        foreach (var term in Terms)
        {
            var value = term.Coefficient;
            foreach (var id in term.Monomial.Ids)
            {
                if (!state.TryGetValue(id, out var x))
                {
                    throw new EvaluationException($"The state has no value for variable {id}");
                }

                value *= x;
            }

            sum += value;
        }

        return sum + Constant;
    }

    /// <summary>
    /// Substitutes the given values (id → value) and keeps the other variables: each term's coefficient
    /// is multiplied by the values of its substituted variables. Ids not used are ignored.
    /// </summary>
    public Function PartialEvaluate(IReadOnlyDictionary<ulong, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sum = new FunctionAccumulator();
        sum.Add(Monomial.One, Constant);
        var kept = new List<ulong>();
        foreach (var term in Terms)
        {
            var coefficient = term.Coefficient;
            kept.Clear();
            foreach (var id in term.Monomial.Ids)
            {
                if (values.TryGetValue(id, out var value))
                {
                    coefficient *= value;
                }
                else
                {
                    kept.Add(id);
                }
            }

            sum.Add(kept.Count == term.Monomial.Degree ? term.Monomial : Monomial.Of([.. kept]), coefficient);
        }

        return sum.Build();
    }

    public bool Equals(Function? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return Constant.Equals(other.Constant) && Terms.AsSpan().SequenceEqual(other.Terms.AsSpan());
    }

    public override bool Equals(object? obj) => Equals(obj as Function);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Constant);
        foreach (var term in Terms)
        {
            hash.Add(term);
        }

        return hash.ToHashCode();
    }

    /// <summary>E.g. <c>3*x0 + 2*x1*x2 - 1</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var term in Terms)
        {
            Append(text, term.Coefficient, term.Monomial.ToString());
        }

        if (Constant != 0 || text.Length == 0)
        {
            Append(text, Constant, null);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, double coefficient, string? monomial)
    {
        var magnitude = Math.Abs(coefficient);
        if (text.Length > 0)
        {
            text.Append(coefficient < 0 ? " - " : " + ");
        }
        else if (coefficient < 0)
        {
            text.Append('-');
        }

        if (monomial is null)
        {
            text.Append(magnitude.ToString("R", CultureInfo.InvariantCulture));
        }
        else if (magnitude == 1)
        {
            text.Append(monomial);
        }
        else
        {
            text.Append(magnitude.ToString("R", CultureInfo.InvariantCulture)).Append('*').Append(monomial);
        }
    }
}
