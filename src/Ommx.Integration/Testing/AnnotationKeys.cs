namespace Ommx.Integration.Testing;

/// <summary>Manifest annotation keys this library writes where no standard OCI key exists.</summary>
internal static class AnnotationKeys
{
    public const string Prefix = "io.github.ommx-integration.";
    public const string Project = Prefix + "project";
    public const string TargetFramework = Prefix + "target-framework";
    public const string Configuration = Prefix + "configuration";
    public const string GitBranch = Prefix + "git-branch";
    public const string Machine = Prefix + "machine";
    public const string TestFramework = Prefix + "test-framework";

    /// <summary>A resumed test run: the name the resumed checkpoint was recorded under (the checkpoint itself is the manifest's <c>subject</c>).</summary>
    public const string ResumedFrom = Prefix + "resume.from";

    /// <summary>A resumed test run: how many Runs it carried over from the checkpoint unchanged.</summary>
    public const string ResumeCarried = Prefix + "resume.carried";

    /// <summary>A resumed test run: the test cases of the checkpoint that no longer exist and were dropped.</summary>
    public const string ResumeDropped = Prefix + "resume.dropped";

    /// <summary>A resume forced across a changed fingerprint: what changed.</summary>
    public const string ResumeForced = Prefix + "resume.forced";

    /// <summary>The prefix OMMX reserves for its own manifest annotations.</summary>
    public const string ReservedPrefix = "org.ommx.";

    /// <summary>Why <paramref name="key"/> cannot be a user annotation key, or <c>null</c> when it can.</summary>
    public static string? Problem(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrWhiteSpace(key))
        {
            return "an annotation key must not be empty";
        }

        return key.StartsWith(ReservedPrefix, StringComparison.Ordinal)
            ? $"keys under `{ReservedPrefix}` are reserved for OMMX metadata; use a prefix of your own (for example com.example.team)"
            : null;
    }
}
