using Ommx.Integration.Model;

namespace Ommx.Integration.Adapters;

/// <summary>
/// A solver adapter that also hands out its native model, for callers who want to drive the solver
/// themselves (add cuts, set native parameters, solve twice) and decode the native result afterwards.
/// Used by <see cref="Experiments.Run.OpenSolve{TModel, TResult}"/>.
/// </summary>
/// <typeparam name="TModel">The native model the caller drives.</typeparam>
/// <typeparam name="TResult">What the caller passes to <see cref="ISolverModel{TModel, TResult}.Decode"/> after solving.</typeparam>
public interface IModelSolverAdapter<TModel, TResult> : ISolverAdapter
{
    /// <summary>Builds the native model of <paramref name="instance"/> (after checking the capabilities).</summary>
    ISolverModel<TModel, TResult> BuildModel(Instance instance, SolverOptions options);
}
