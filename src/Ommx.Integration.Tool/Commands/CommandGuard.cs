namespace Ommx.Integration.Tool.Commands;

/// <summary>Runs a command body and turns expected failures into an <c>Error: …</c> line and an exit code.</summary>
internal static class CommandGuard
{
    public static ExitCode Run(CommandConsole console, Func<ExitCode> body)
    {
        ArgumentNullException.ThrowIfNull(console);
        try
        {
            return body();
        }
        catch (Exception e) when (e is CommandUsageException or Registry.EmptyRegistryRootException)
        {
            console.Fail(e.Message);
            return ExitCode.Usage;
        }
        catch (Exception e) when (StorageErrors.IsStorageError(e))
        {
            console.Fail(e.Message);
            return ExitCode.Problems;
        }
    }
}
