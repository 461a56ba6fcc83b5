namespace Ommx.Integration.Model.Evaluation;

/// <summary>
/// A <see cref="Function"/> flattened over dense variable positions. Evaluates exactly as
/// <see cref="Function.Evaluate"/> does (same term order, same multiplication order), without lookups.
/// </summary>
internal sealed class CompiledFunction
{
    private readonly double _constant;
    private readonly double[] _coefficients;
    private readonly int[] _offsets;
    private readonly int[] _positions;

    public CompiledFunction(Function function, IReadOnlyDictionary<ulong, int> positions)
    {
        _constant = function.Constant;
        var terms = function.Terms;
        _coefficients = new double[terms.Length];
        _offsets = new int[terms.Length + 1];
        var flat = new List<int>();
        for (var t = 0; t < terms.Length; t++)
        {
            _coefficients[t] = terms[t].Coefficient;
            foreach (var id in terms[t].Monomial.Ids)
            {
                flat.Add(positions[id]);
            }

            _offsets[t + 1] = flat.Count;
        }

        _positions = [.. flat];
    }

    public double Evaluate(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        var coefficients = _coefficients;
        var offsets = _offsets;
        var positions = _positions;
        for (var t = 0; t < coefficients.Length; t++)
        {
            var value = coefficients[t];
            for (var k = offsets[t]; k < offsets[t + 1]; k++)
            {
                value *= values[positions[k]];
            }

            sum += value;
        }

        return sum + _constant;
    }
}
