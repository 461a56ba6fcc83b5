namespace Ommx.Integration.Adapters;

/// <summary>What an Instance uses that an adapter cannot handle.</summary>
public enum UnsupportedFeature
{
    /// <summary>A variable kind (e.g. semi-continuous) the solver has no counterpart for.</summary>
    VariableKind,

    /// <summary>A variable with an infinite side where the solver needs finite bounds.</summary>
    UnboundedVariable,

    /// <summary>An objective of higher degree than the solver handles (e.g. quadratic for a linear solver).</summary>
    ObjectiveDegree,

    /// <summary>A constraint of higher degree than the solver handles.</summary>
    ConstraintDegree,

    /// <summary>A constraint equality the solver has no counterpart for.</summary>
    ConstraintEquality,

    /// <summary>A non-integer coefficient where the solver works on integers only.</summary>
    NonIntegerCoefficient,
}
