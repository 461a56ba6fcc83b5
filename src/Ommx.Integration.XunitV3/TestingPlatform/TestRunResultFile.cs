using System.Text;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>
/// The test host controller's lines of one run, written to a file in the test results directory. <c>dotnet test</c> in
/// Microsoft.Testing.Platform mode shows no text an extension writes unless the run fails (then the application's
/// standard output); what it always lists are the file artifacts the run produced. The controller publishes this file
/// as one, so a passing run shows where its result is, and the file's name says what happened to which Experiment.
/// </summary>
internal static class TestRunResultFile
{
    /// <summary>Writes <paramref name="lines"/> to <c>ommx-&lt;outcome&gt;-&lt;experiment&gt;.txt</c> in <paramref name="resultsDirectory"/>.</summary>
    public static FileInfo Write(string resultsDirectory, TestRunOutcome? outcome, IReadOnlyList<TestRunLine> lines)
    {
        Directory.CreateDirectory(resultsDirectory);
        var name = $"ommx-{Describe(outcome?.Kind)}-{Sanitize(outcome?.ImageName ?? DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture))}.txt";
        var path = Path.Combine(resultsDirectory, name);
        File.WriteAllLines(path, lines.Select(l => l.Text), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return new FileInfo(path);
    }

    /// <summary>One word for the outcome, as the file name's first part.</summary>
    public static string Describe(TestRunOutcomeKind? kind) => kind switch
    {
        TestRunOutcomeKind.Committed => "committed",
        TestRunOutcomeKind.FailedCheckpoint => "failed-checkpoint",
        TestRunOutcomeKind.InterruptedCheckpoint => "interrupted-checkpoint",
        TestRunOutcomeKind.NothingRecorded => "nothing-recorded",
        _ => "not-recorded",
    };

    private static string Sanitize(string imageName)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string(imageName.Select(c => c is '/' or ':' or '\\' || invalid.Contains(c) ? '_' : c).ToArray());
    }
}
