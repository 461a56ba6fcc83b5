using System.Reflection;
using Ommx.Integration.Comparison;
using Ommx.Integration.Testing;
using Ommx.Integration.Testing.Sessions;
using Xunit.v3;

namespace Ommx.Integration.XunitV3;

/// <summary>
/// Settings baked into the test assembly by the package's targets (<c>AssemblyMetadata("Ommx.*")</c>), plus the
/// annotations a test run records. Environment variables were already folded in at build time (the same precedence as
/// the v2 package: <c>-p:</c> &gt; <c>OMMX_*</c> &gt; project file &gt; defaults); at run time only
/// <c>OMMX_LOCAL_REGISTRY_ROOT</c> (when nothing was baked) and the session variables (<c>OMMX_SESSION_ID</c>,
/// <c>OMMX_SESSION_ROOT</c>) are read: with a session the process that opened it (the test host controller under
/// Microsoft.Testing.Platform) finishes the Experiment, without one the test host does.
/// </summary>
internal static class HostSettings
{
    /// <summary>The registry root the session was opened in (the session id is <see cref="TestRunSessions.SessionVariable"/>).</summary>
    public const string SessionRootVariable = "OMMX_SESSION_ROOT";

    /// <summary>The <c>Ommx.*</c> assembly metadata of the test assembly, last value of each key.</summary>
    public static IReadOnlyDictionary<string, string> Baked(Assembly? assembly) =>
        assembly?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith("Ommx.", StringComparison.Ordinal))
            .GroupBy(a => a.Key)
            .ToDictionary(g => g.Key, g => g.Last().Value ?? string.Empty) ?? [];

    /// <summary>A baked value, <c>null</c> when absent or empty.</summary>
    public static string? Get(IReadOnlyDictionary<string, string> baked, string key) =>
        baked.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    /// <param name="assembly">The test assembly whose <c>AssemblyMetadata("Ommx.*")</c> the build baked in.</param>
    /// <param name="testCases">The test cases of this run; with the assembly's theories they decide the argument columns.</param>
    /// <param name="diagnostics">Told about every setting that was ignored because it is invalid.</param>
    public static TestSessionSettings ForTestHost(Assembly assembly, IEnumerable<IXunitTestCase> testCases, Action<string> diagnostics)
    {
        var metadata = Baked(assembly);
        string? Get(string key) => HostSettings.Get(metadata, key);

        var annotations = new Dictionary<string, string>();
        foreach (var (key, value) in metadata.Where(m => m.Key.StartsWith("Ommx.Annotation:", StringComparison.Ordinal)))
        {
            var name = key["Ommx.Annotation:".Length..];
            if (AnnotationKeys.Problem(name) is { } problem)
            {
                diagnostics($"OMMX: OmmxAnnotation `{name}` is ignored: {problem}");
                continue;
            }

            annotations[name] = value;
        }

        var metrics = new List<MetricDeclaration>();
        foreach (var (key, value) in metadata.Where(m => m.Key.StartsWith("Ommx.Metric:", StringComparison.Ordinal)))
        {
            var name = key["Ommx.Metric:".Length..];
            if (MetricDeclaration.TryParse(name, value, out var metric, out var problem))
            {
                metrics.Add(metric);
            }
            else
            {
                diagnostics($"OMMX: OmmxMetric `{name}` is ignored: {problem}");
            }
        }

        Put(annotations, "org.opencontainers.image.title", Get("Ommx.Project"));
        Put(annotations, "org.opencontainers.image.revision", Get("Ommx.GitCommit"));
        Put(annotations, "org.opencontainers.image.created", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Put(annotations, AnnotationKeys.Project, Get("Ommx.Project"));
        Put(annotations, AnnotationKeys.TargetFramework, Get("Ommx.TargetFramework"));
        Put(annotations, AnnotationKeys.Configuration, Get("Ommx.Configuration"));
        Put(annotations, AnnotationKeys.GitBranch, Get("Ommx.GitBranch"));
        Put(annotations, AnnotationKeys.Machine, Environment.MachineName);
        Put(annotations, AnnotationKeys.TestFramework, "xunit.v3 " + typeof(XunitTestFramework).Assembly.GetName().Version);

        var sessionId = Environment.GetEnvironmentVariable(TestRunSessions.SessionVariable) is { Length: > 0 } id ? id : null;
        var sessionRoot = Environment.GetEnvironmentVariable(SessionRootVariable) is { Length: > 0 } root ? root : null;
        return new TestSessionSettings
        {
            SessionId = sessionId,
            ExperimentName = Get("Ommx.ExperimentName"),
            ExperimentRepository = Get("Ommx.ExperimentRepository"),
            RegistryRoot = (sessionId is not null ? sessionRoot : null) ?? Get("Ommx.LocalRegistryRoot"),
            Annotations = annotations,
            Metrics = metrics,
            ArgumentColumns = new TheoryArgumentColumns(TheoryParameters(assembly, testCases)),
        };
    }

    /// <summary>
    /// Name and declared type of every parameter of every test method in the assembly (public or not, so the same
    /// assembly always gives the same columns) and of the test cases in this run (their methods may live in a base
    /// class elsewhere).
    /// </summary>
    private static IEnumerable<KeyValuePair<string, Type>> TheoryParameters(Assembly assembly, IEnumerable<IXunitTestCase> testCases)
    {
        var methods = new HashSet<MethodInfo>();
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }

        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in types.OfType<Type>())
        {
            try
            {
                methods.UnionWith(type.GetMethods(All).Where(m => m.GetParameters().Length > 0 && m.IsDefined(typeof(global::Xunit.FactAttribute), inherit: true)));
            }
            catch (Exception e) when (e is TypeLoadException or FileNotFoundException or FileLoadException or NotSupportedException)
            {
                // A type whose members cannot load has no test xunit could run either.
            }
        }

        foreach (var testCase in testCases)
        {
            methods.Add(testCase.TestMethod.Method);
        }

        return methods.SelectMany(m => m.GetParameters()).Where(p => p.Name is not null).Select(p => new KeyValuePair<string, Type>(p.Name!, p.ParameterType));
    }

    private static void Put(Dictionary<string, string> annotations, string key, string? value)
    {
        if (value is not null && !annotations.ContainsKey(key))
        {
            annotations[key] = value;
        }
    }
}
