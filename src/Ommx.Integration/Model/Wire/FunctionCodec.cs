using Ommx.Integration.Model.Protos.V1;

namespace Ommx.Integration.Model.Wire;

/// <summary>
/// <c>ommx.v1.Function</c> ⇄ <see cref="Model.Function"/>. Reading accepts any term order, sums repeated
/// monomials ((i,j) and (j,i) are one), drops zeros and rejects non-finite coefficients and unset oneofs.
/// Writing picks the narrowest member: constant, linear, quadratic (i ≤ j) or polynomial.
/// </summary>
internal static class FunctionCodec
{
    public static Model.Function Read(Protos.V1.Function? proto, string context)
    {
        if (proto is null)
        {
            throw new ModelFormatException($"{context} has no function");
        }

        var sum = new FunctionAccumulator();
        switch (proto.FunctionCase)
        {
            case Protos.V1.Function.FunctionOneofCase.Constant:
                sum.Add(Monomial.One, Finite(proto.Constant, context));
                break;
            case Protos.V1.Function.FunctionOneofCase.Linear:
                AddLinear(sum, proto.Linear, context);
                break;
            case Protos.V1.Function.FunctionOneofCase.Quadratic:
                AddQuadratic(sum, proto.Quadratic, context);
                break;
            case Protos.V1.Function.FunctionOneofCase.Polynomial:
                foreach (var term in proto.Polynomial.Terms)
                {
                    sum.Add(Monomial.Of([.. term.Ids]), Finite(term.Coefficient, context));
                }

                break;
            default:
                throw new ModelFormatException($"{context} has a function with no member set (write constant = 0 for zero)");
        }

        return sum.Build();
    }

    public static Protos.V1.Function Write(Model.Function function)
    {
        switch (function.Degree)
        {
            case 0:
                return new Protos.V1.Function { Constant = function.Constant };
            case 1:
                return new Protos.V1.Function { Linear = WriteLinear(function) };
            case 2:
            {
                var quadratic = new Quadratic();
                foreach (var term in function.Terms)
                {
                    if (term.Monomial.Degree == 2)
                    {
                        quadratic.Rows.Add(term.Monomial.Ids[0]);
                        quadratic.Columns.Add(term.Monomial.Ids[1]);
                        quadratic.Values.Add(term.Coefficient);
                    }
                }

                var linear = WriteLinear(function);
                if (linear.Terms.Count > 0 || linear.Constant != 0)
                {
                    quadratic.Linear = linear;
                }

                return new Protos.V1.Function { Quadratic = quadratic };
            }

            default:
            {
                var polynomial = new Polynomial();
                foreach (var term in function.Terms)
                {
                    var monomial = new Protos.V1.Monomial { Coefficient = term.Coefficient };
                    monomial.Ids.AddRange(term.Monomial.Ids);
                    polynomial.Terms.Add(monomial);
                }

                if (function.Constant != 0)
                {
                    polynomial.Terms.Add(new Protos.V1.Monomial { Coefficient = function.Constant });
                }

                return new Protos.V1.Function { Polynomial = polynomial };
            }
        }
    }

    private static Linear WriteLinear(Model.Function function)
    {
        var linear = new Linear { Constant = function.Constant };
        foreach (var term in function.Terms)
        {
            if (term.Monomial.Degree == 1)
            {
                linear.Terms.Add(new Linear.Types.Term { Id = term.Monomial.Ids[0], Coefficient = term.Coefficient });
            }
        }

        return linear;
    }

    private static void AddLinear(FunctionAccumulator sum, Linear? linear, string context)
    {
        if (linear is null)
        {
            return;
        }

        foreach (var term in linear.Terms)
        {
            sum.Add(Monomial.Linear(term.Id), Finite(term.Coefficient, context));
        }

        sum.Add(Monomial.One, Finite(linear.Constant, context));
    }

    private static void AddQuadratic(FunctionAccumulator sum, Quadratic quadratic, string context)
    {
        var count = quadratic.Rows.Count;
        if (quadratic.Columns.Count != count || quadratic.Values.Count != count)
        {
            throw new ModelFormatException(
                $"{context} has a quadratic function with {count} rows, {quadratic.Columns.Count} columns and {quadratic.Values.Count} values; the three must have the same length");
        }

        for (var k = 0; k < count; k++)
        {
            sum.Add(Monomial.Quadratic(quadratic.Rows[k], quadratic.Columns[k]), Finite(quadratic.Values[k], context));
        }

        AddLinear(sum, quadratic.Linear, context);
    }

    private static double Finite(double coefficient, string context) =>
        double.IsFinite(coefficient)
            ? coefficient
            : throw new ModelFormatException($"{context} has a non-finite coefficient {coefficient}");
}
