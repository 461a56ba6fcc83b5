using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Ommx.Integration.MSBuild;

/// <summary>
/// Base of every task here: the work is done by the core library's services; a task maps their typed
/// reports to build messages, warnings and errors, and every exception to an error with an <c>OMMX</c> code.
/// </summary>
public abstract class OmmxTask : MSBuildTask
{
    /// <summary>Only this assembly's tasks derive from it, so nothing but <see cref="LocalRegistryRoot"/> is API.</summary>
    private protected OmmxTask()
    {
    }

    /// <summary>Local Registry root; empty = <c>OMMX_LOCAL_REGISTRY_ROOT</c> or the OS default.</summary>
    public string? LocalRegistryRoot { get; set; }

    /// <summary>The error code used for failures of this task's core operation.</summary>
    private protected abstract string ErrorCode { get; }

    private protected string? Root => string.IsNullOrWhiteSpace(LocalRegistryRoot) ? null : LocalRegistryRoot;

    public sealed override bool Execute()
    {
        try
        {
            return Run() && !Log.HasLoggedErrors;
        }
        catch (OmmxException e)
        {
            LogError(ErrorCode, e.Message);
            return false;
        }
        catch (Exception e) when (StorageErrors.IsStorageError(e))
        {
            LogError(ErrorCode, $"{e.GetType().Name}: {e.Message}");
            return false;
        }
        catch (Exception e)
        {
            // The last catch: a bug or an environment this library did not foresee ends as a documented code,
            // naming what was thrown, never as MSBuild's generic "task failed unexpectedly".
            LogError(ErrorCodes.Unexpected, $"{GetType().Name} failed unexpectedly with {e.GetType().FullName}: {e.Message} (please report it with the build log)");
            return false;
        }
    }

    private protected abstract bool Run();

    /// <summary>A report line shown at normal verbosity.</summary>
    private protected void Report(string message) => Log.LogMessage(MessageImportance.High, "{0}", message);

    private protected void LogError(string code, string message) =>
        Log.LogError(subcategory: null, errorCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    private protected void LogWarning(string code, string message) =>
        Log.LogWarning(subcategory: null, warningCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);
}
