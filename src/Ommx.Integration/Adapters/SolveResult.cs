using Ommx.Integration.Model;

namespace Ommx.Integration.Adapters;

/// <summary>A solver's answer: the evaluated Solution and the solver's own status text (e.g. <c>OPTIMAL</c>).</summary>
public sealed record SolveResult(Solution Solution, string RawStatus);
