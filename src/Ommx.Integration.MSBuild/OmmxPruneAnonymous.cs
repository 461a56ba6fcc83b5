using Ommx.Integration.Commands;

namespace Ommx.Integration.MSBuild;

/// <summary><c>dotnet build -t:OmmxPruneAnonymous</c>: OMMX's prune-anonymous (dry run unless <see cref="Delete"/>).</summary>
public sealed class OmmxPruneAnonymous : OmmxTask
{
    public bool Delete { get; set; }

    /// <summary>Also prune anonymous Experiments, not only anonymous artifacts.</summary>
    public bool Experiments { get; set; }

    /// <summary>OMMX duration text; only refs at least this old.</summary>
    public string? OlderThan { get; set; }

    protected override string ErrorCode => ErrorCodes.PruneFailed;

    protected override bool Run() =>
        new PruneAnonymousCommand(CommandConsole(ErrorCode)).Run(new PruneAnonymousCommandOptions
        {
            Root = Root,
            Delete = Delete,
            DryRun = !Delete,
            Experiments = Experiments,
            OlderThan = string.IsNullOrWhiteSpace(OlderThan) ? null : OlderThan,
        }) == ExitCode.Ok;
}
