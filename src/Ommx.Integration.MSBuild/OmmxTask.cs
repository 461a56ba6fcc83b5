using Microsoft.Build.Framework;
using Ommx.Integration.Commands;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Ommx.Integration.MSBuild;

/// <summary>
/// Base of every task here: the work is done by the core library; this turns its exceptions into MSBuild
/// errors with an <c>OMMX</c> code and its console output into build messages.
/// </summary>
public abstract class OmmxTask : MSBuildTask
{
    /// <summary>Local Registry root; empty = <c>OMMX_LOCAL_REGISTRY_ROOT</c> or the OS default.</summary>
    public string? LocalRegistryRoot { get; set; }

    /// <summary>The error code used for failures of this task's core operation.</summary>
    protected abstract string ErrorCode { get; }

    protected string? Root => string.IsNullOrWhiteSpace(LocalRegistryRoot) ? null : LocalRegistryRoot;

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
    }

    protected abstract bool Run();

    protected void LogError(string code, string message) =>
        Log.LogError(subcategory: null, errorCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    protected void LogWarning(string code, string message) =>
        Log.LogWarning(subcategory: null, warningCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    /// <summary>A console for a core command: standard output becomes high-importance messages, errors become <paramref name="errorCode"/> errors, <c>warning:</c> lines warnings.</summary>
    protected CommandConsole CommandConsole(string errorCode) => new(
        new LogLineWriter(line => Log.LogMessage(MessageImportance.High, "{0}", line)),
        new LogLineWriter(line =>
        {
            if (line.StartsWith("warning: ", StringComparison.Ordinal))
            {
                LogWarning(errorCode, line["warning: ".Length..]);
            }
            else if (line.Length > 0)
            {
                LogError(errorCode, line.StartsWith("Error: ", StringComparison.Ordinal) ? line["Error: ".Length..] : line);
            }
        }));
}
