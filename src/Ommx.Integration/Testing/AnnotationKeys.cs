namespace Ommx.Integration.Testing;

/// <summary>Manifest annotation keys this library writes where no standard OCI key exists.</summary>
public static class AnnotationKeys
{
    public const string Prefix = "io.github.ommx-integration.";
    public const string Project = Prefix + "project";
    public const string TargetFramework = Prefix + "target-framework";
    public const string Configuration = Prefix + "configuration";
    public const string GitBranch = Prefix + "git-branch";
    public const string Machine = Prefix + "machine";
    public const string TestFramework = Prefix + "test-framework";
}
