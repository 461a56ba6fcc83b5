namespace Ommx.Integration.Model;

public sealed partial class Function
{
    public static implicit operator Function(double value) => FromConstant(value);

    public static implicit operator Function(DecisionVariable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return Variable(variable.Id);
    }

    public static Function operator +(Function left, Function right) => Add(left, right);

    public static Function operator -(Function left, Function right) => Subtract(left, right);

    public static Function operator *(Function left, Function right) => Multiply(left, right);

    public static Function operator /(Function left, double right) => Divide(left, right);

    public static Function operator -(Function value) => Negate(value);

    /// <summary><c>left ≤ right</c> as the constraint <c>left − right ≤ 0</c>.</summary>
    public static Constraint operator <=(Function left, Function right) =>
        new(Subtract(left, right), ConstraintEquality.LessThanOrEqualToZero);

    /// <summary><c>left ≥ right</c> as the constraint <c>right − left ≤ 0</c>.</summary>
    public static Constraint operator >=(Function left, Function right) =>
        new(Subtract(right, left), ConstraintEquality.LessThanOrEqualToZero);

    /// <summary><c>this = other</c> as the constraint <c>this − other = 0</c>.</summary>
    public Constraint EqualTo(Function other) => new(Subtract(this, other), ConstraintEquality.EqualToZero);

    public static Function Add(Function left, Function right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var sum = new FunctionAccumulator();
        sum.Add(left);
        sum.Add(right);
        return sum.Build();
    }

    public static Function Subtract(Function left, Function right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var sum = new FunctionAccumulator();
        sum.Add(left);
        sum.Add(right, -1);
        return sum.Build();
    }

    public static Function Negate(Function value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sum = new FunctionAccumulator();
        sum.Add(value, -1);
        return sum.Build();
    }

    public static Function Divide(Function left, double right)
    {
        ArgumentNullException.ThrowIfNull(left);
        var quotient = new FunctionAccumulator();
        quotient.Add(Monomial.One, left.Constant / right);
        foreach (var term in left.Terms)
        {
            quotient.Add(term.Monomial, term.Coefficient / right);
        }

        return quotient.Build();
    }

    public static Function Multiply(Function left, Function right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var product = new FunctionAccumulator();
        product.Add(Monomial.One, left.Constant * right.Constant);
        foreach (var a in left.Terms)
        {
            product.Add(a.Monomial, a.Coefficient * right.Constant);
        }

        foreach (var b in right.Terms)
        {
            product.Add(b.Monomial, left.Constant * b.Coefficient);
        }

        foreach (var a in left.Terms)
        {
            foreach (var b in right.Terms)
            {
                product.Add(a.Monomial.Multiply(b.Monomial), a.Coefficient * b.Coefficient);
            }
        }

        return product.Build();
    }
}
