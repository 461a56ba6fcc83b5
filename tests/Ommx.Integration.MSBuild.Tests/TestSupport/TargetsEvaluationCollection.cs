namespace Ommx.Integration.MSBuild.Tests.TestSupport;

/// <summary>In-process evaluations set process environment variables: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TargetsEvaluationCollection
{
    public const string Name = "targets-evaluation";
}
