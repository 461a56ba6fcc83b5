namespace Ommx.Integration.Model;

/// <summary>Sums terms into a <see cref="Function"/>: duplicates added in arrival order, zeros dropped, terms sorted.</summary>
internal sealed class FunctionAccumulator
{
    private readonly Dictionary<Monomial, double> _terms = [];
    private double _constant;

    public void Add(Monomial monomial, double coefficient)
    {
        if (monomial.Degree == 0)
        {
            _constant += coefficient;
        }
        else
        {
            _terms[monomial] = _terms.GetValueOrDefault(monomial) + coefficient;
        }
    }

    public void Add(Function function, double scale = 1)
    {
        Add(Monomial.One, function.Constant * scale);
        foreach (var term in function.Terms)
        {
            Add(term.Monomial, term.Coefficient * scale);
        }
    }

    public Function Build()
    {
        var terms = new List<FunctionTerm>(_terms.Count);
        foreach (var (monomial, coefficient) in _terms)
        {
            if (coefficient != 0)
            {
                terms.Add(new FunctionTerm(monomial, coefficient));
            }
        }

        terms.Sort(static (a, b) => a.Monomial.CompareTo(b.Monomial));
        return new Function(_constant + 0.0, [.. terms]);
    }
}
