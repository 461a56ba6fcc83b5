using Ommx.Integration.Model;

namespace Ommx.Integration.Adapters;

/// <summary>One Instance translated into a solver's native model, and the way back.</summary>
public interface ISolverModel<TModel, TResult> : IDisposable
{
    TModel Model { get; }

    /// <summary>
    /// Turns the native result into a <see cref="Solution"/> of the Instance (through
    /// <see cref="Instance.Evaluate"/>); throws a <see cref="SolverOutcomeException"/> when there is none.
    /// </summary>
    Solution Decode(TResult result);
}
