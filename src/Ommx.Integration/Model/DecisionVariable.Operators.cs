namespace Ommx.Integration.Model;

public sealed partial class DecisionVariable
{
    public static Function operator +(DecisionVariable left, DecisionVariable right) => F(left) + F(right);

    public static Function operator +(DecisionVariable left, double right) => F(left) + right;

    public static Function operator +(double left, DecisionVariable right) => left + F(right);

    public static Function operator -(DecisionVariable left, DecisionVariable right) => F(left) - F(right);

    public static Function operator -(DecisionVariable left, double right) => F(left) - right;

    public static Function operator -(double left, DecisionVariable right) => left - F(right);

    public static Function operator *(DecisionVariable left, DecisionVariable right) => F(left) * F(right);

    public static Function operator *(DecisionVariable left, double right) => F(left) * right;

    public static Function operator *(double left, DecisionVariable right) => left * F(right);

    public static Function operator /(DecisionVariable left, double right) => F(left) / right;

    public static Function operator -(DecisionVariable value) => -F(value);

    public static Constraint operator <=(DecisionVariable left, DecisionVariable right) => F(left) <= F(right);

    public static Constraint operator >=(DecisionVariable left, DecisionVariable right) => F(left) >= F(right);

    public static Constraint operator <=(DecisionVariable left, double right) => F(left) <= right;

    public static Constraint operator >=(DecisionVariable left, double right) => F(left) >= right;

    public static Constraint operator <=(double left, DecisionVariable right) => left <= F(right);

    public static Constraint operator >=(double left, DecisionVariable right) => left >= F(right);

    /// <summary><c>this = other</c> as the constraint <c>x − other = 0</c>.</summary>
    public Constraint EqualTo(Function other) => ToFunction().EqualTo(other);

    private static Function F(DecisionVariable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return variable.ToFunction();
    }
}
