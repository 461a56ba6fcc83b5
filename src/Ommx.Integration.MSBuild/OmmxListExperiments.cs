using Ommx.Integration.Commands;

namespace Ommx.Integration.MSBuild;

/// <summary><c>dotnet build -t:OmmxListExperiments</c>: the <c>ommx experiments</c> table.</summary>
public sealed class OmmxListExperiments : OmmxTask
{
    /// <summary>Only image names starting with this.</summary>
    public string? Prefix { get; set; }

    protected override string ErrorCode => ErrorCodes.ListFailed;

    protected override bool Run() =>
        new ExperimentsCommand(CommandConsole(ErrorCode)).Run(new ExperimentsCommandOptions
        {
            Root = Root,
            Prefix = string.IsNullOrWhiteSpace(Prefix) ? null : Prefix,
        }) == ExitCode.Ok;
}
