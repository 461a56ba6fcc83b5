namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>
/// Whether the test host controller opens a resumed session: <c>-p:OmmxResume=true</c> / <c>OmmxResumeFrom</c> /
/// <c>OmmxResumeForce</c> as the build left them in <c>&lt;assembly&gt;.ommx-resume</c> beside the test assembly (not in the
/// assembly: asking for a resume must not change the assembly whose identity the resume checks), or
/// <c>OMMX_RESUME=1</c> / <c>OMMX_RESUME_FROM</c> in the environment of the run (so <c>--no-build</c> runs resume too).
/// </summary>
internal sealed record TestRunResumeSettings(bool Resume, string? ResumeFrom, bool ResumeForce)
{
    public const string FileExtension = ".ommx-resume";

    public static TestRunResumeSettings Read(string? assemblyPath)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var file = string.IsNullOrEmpty(assemblyPath) ? null : Path.ChangeExtension(assemblyPath, FileExtension);
        if (file is not null && File.Exists(file))
        {
            foreach (var line in File.ReadAllLines(file))
            {
                var at = line.IndexOf('=', StringComparison.Ordinal);
                if (at > 0)
                {
                    values[line[..at].Trim()] = line[(at + 1)..].Trim();
                }
            }
        }

        string? Value(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        var environmentResume = Environment.GetEnvironmentVariable("OMMX_RESUME") is "1" or "true";
        var from = Value("ResumeFrom") ?? (Environment.GetEnvironmentVariable("OMMX_RESUME_FROM") is { Length: > 0 } f ? f : null);
        return new TestRunResumeSettings(
            Resume: (bool.TryParse(Value("Resume"), out var resume) && resume) || environmentResume || from is not null,
            ResumeFrom: from,
            ResumeForce: bool.TryParse(Value("ResumeForce"), out var force) && force);
    }
}
