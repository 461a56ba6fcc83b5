using System.Reflection;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Sessions;
using Xunit.Abstractions;

namespace Ommx.Integration.Xunit;

/// <summary>
/// Settings baked into the test assembly by the package's targets (<c>AssemblyMetadata("Ommx.*")</c>), plus
/// the annotations a test run records. Environment variables were already folded in at build time; at run
/// time only <c>OMMX_LOCAL_REGISTRY_ROOT</c> (when nothing was baked) and the MSBuild step's session
/// variables (<c>OMMX_SESSION_ID</c>, <c>OMMX_SESSION_ROOT</c>) are read: with a session the build step
/// finishes the Experiment, without one the host does.
/// </summary>
internal static class HostSettings
{
    /// <summary>The registry root the build opened the session in (the session id is <see cref="TestRunSessions.SessionVariable"/>).</summary>
    public const string SessionRootVariable = "OMMX_SESSION_ROOT";

    public static TestSessionSettings Read(ITestAssembly testAssembly)
    {
        var assembly = (testAssembly.Assembly as IReflectionAssemblyInfo)?.Assembly;
        var metadata = assembly?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith("Ommx.", StringComparison.Ordinal))
            .GroupBy(a => a.Key)
            .ToDictionary(g => g.Key, g => g.Last().Value ?? string.Empty) ?? [];

        string? Get(string key) => metadata.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

        var annotations = new Dictionary<string, string>();
        foreach (var (key, value) in metadata.Where(m => m.Key.StartsWith("Ommx.Annotation:", StringComparison.Ordinal)))
        {
            annotations[key["Ommx.Annotation:".Length..]] = value;
        }

        Put(annotations, "org.opencontainers.image.title", Get("Ommx.Project"));
        Put(annotations, "org.opencontainers.image.revision", Get("Ommx.GitCommit"));
        Put(annotations, "org.opencontainers.image.created", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Put(annotations, AnnotationKeys.Project, Get("Ommx.Project"));
        Put(annotations, AnnotationKeys.TargetFramework, Get("Ommx.TargetFramework"));
        Put(annotations, AnnotationKeys.Configuration, Get("Ommx.Configuration"));
        Put(annotations, AnnotationKeys.GitBranch, Get("Ommx.GitBranch"));
        Put(annotations, AnnotationKeys.Machine, Environment.MachineName);
        Put(annotations, AnnotationKeys.TestFramework, "xunit " + typeof(global::Xunit.Sdk.XunitTestFramework).Assembly.GetName().Version);

        var sessionId = Environment.GetEnvironmentVariable(TestRunSessions.SessionVariable) is { Length: > 0 } id ? id : null;
        var sessionRoot = Environment.GetEnvironmentVariable(SessionRootVariable) is { Length: > 0 } root ? root : null;
        return new TestSessionSettings
        {
            SessionId = sessionId,
            ExperimentName = Get("Ommx.ExperimentName"),
            ExperimentRepository = Get("Ommx.ExperimentRepository"),
            RegistryRoot = (sessionId is not null ? sessionRoot : null) ?? Get("Ommx.LocalRegistryRoot"),
            Annotations = annotations,
        };
    }

    private static void Put(Dictionary<string, string> annotations, string key, string? value)
    {
        if (value is not null && !annotations.ContainsKey(key))
        {
            annotations[key] = value;
        }
    }
}
