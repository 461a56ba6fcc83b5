using Ommx.Integration.Tool.Commands;

namespace Ommx.Integration.Tool.Tests.TestSupport;

/// <summary>Runs an <c>ommx</c> command in process (no child process) and keeps what it printed.</summary>
internal sealed record CommandRun(ExitCode Exit, string Out, string Error)
{
    public static CommandRun Of(Func<CommandConsole, ExitCode> command)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = command(new CommandConsole(output, error));
        return new CommandRun(exit, output.ToString(), error.ToString());
    }

    public string All => Out + Error;
}
