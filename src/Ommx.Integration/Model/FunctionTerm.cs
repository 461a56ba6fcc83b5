namespace Ommx.Integration.Model;

/// <summary>One non-constant term of a <see cref="Function"/>: coefficient × monomial.</summary>
public readonly record struct FunctionTerm(Monomial Monomial, double Coefficient);
