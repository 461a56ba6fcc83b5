using System.Reflection;
using Ommx.Integration.Comparison;
using Ommx.Integration.Testing.Resume;
using Ommx.Integration.Testing.Sessions;

namespace Ommx.Integration.Testing;

/// <summary>
/// The settings the xunit packages' targets bake into a test assembly (<c>AssemblyMetadata("Ommx.*")</c>; environment
/// variables already folded in at build time: <c>-p:</c> &gt; <c>OMMX_*</c> &gt; project file &gt; defaults), read back
/// into the <see cref="TestSessionSettings"/> of a test host. At run time only <c>OMMX_LOCAL_REGISTRY_ROOT</c> (when
/// nothing was baked) and the session variables (<see cref="TestRunSessions.SessionVariable"/>,
/// <see cref="SessionRootVariable"/>) are read: with a session the process that opened it (the MSBuild step, or the
/// xunit v3 test host controller) finishes the Experiment, without one the host does. Each adapter supplies only what is
/// its own: its framework's name, its <c>Fact</c> attribute and test-case methods (the theory argument columns), and
/// where its diagnostics go.
/// </summary>
internal static class BakedTestSettings
{
    /// <summary>The registry root the session was opened in (the session id is <see cref="TestRunSessions.SessionVariable"/>).</summary>
    public const string SessionRootVariable = "OMMX_SESSION_ROOT";

    /// <summary>The <c>Ommx.*</c> assembly metadata of <paramref name="assembly"/>, last value of each key.</summary>
    public static IReadOnlyDictionary<string, string> Read(Assembly? assembly) =>
        assembly?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith("Ommx.", StringComparison.Ordinal))
            .GroupBy(a => a.Key)
            .ToDictionary(g => g.Key, g => g.Last().Value ?? string.Empty) ?? [];

    /// <summary>A baked value, <c>null</c> when absent or empty.</summary>
    public static string? Get(IReadOnlyDictionary<string, string> baked, string key) =>
        baked.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    /// <param name="assembly">The test assembly whose <c>AssemblyMetadata("Ommx.*")</c> the build baked in.</param>
    /// <param name="testFramework">The <c>test-framework</c> annotation: the framework's name and version.</param>
    /// <param name="argumentColumns">The theory argument columns (see <see cref="TestMethodParameters"/>).</param>
    /// <param name="diagnostics">Told about every setting that was ignored because it is invalid.</param>
    public static TestSessionSettings ForTestHost(Assembly? assembly, string testFramework, TheoryArgumentColumns argumentColumns, Action<string> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var metadata = Read(assembly);
        string? Value(string key) => Get(metadata, key);

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

        Put(annotations, "org.opencontainers.image.title", Value("Ommx.Project"));
        Put(annotations, "org.opencontainers.image.revision", Value("Ommx.GitCommit"));
        Put(annotations, "org.opencontainers.image.created", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Put(annotations, AnnotationKeys.Project, Value("Ommx.Project"));
        Put(annotations, AnnotationKeys.TargetFramework, Value("Ommx.TargetFramework"));
        Put(annotations, AnnotationKeys.Configuration, Value("Ommx.Configuration"));
        Put(annotations, AnnotationKeys.GitBranch, Value("Ommx.GitBranch"));
        Put(annotations, AnnotationKeys.Machine, Environment.MachineName);
        Put(annotations, AnnotationKeys.TestFramework, testFramework);

        var sessionId = Environment.GetEnvironmentVariable(TestRunSessions.SessionVariable) is { Length: > 0 } id ? id : null;
        var sessionRoot = Environment.GetEnvironmentVariable(SessionRootVariable) is { Length: > 0 } root ? root : null;
        return new TestSessionSettings
        {
            SessionId = sessionId,
            ExperimentName = Value("Ommx.ExperimentName"),
            ExperimentRepository = Value("Ommx.ExperimentRepository"),
            RegistryRoot = (sessionId is not null ? sessionRoot : null) ?? Value("Ommx.LocalRegistryRoot"),
            Annotations = annotations,
            Metrics = metrics,
            ArgumentColumns = argumentColumns,
            // Without a session (whose opener brings its own fingerprint, declared inputs included) the host knows these two.
            Fingerprint = assembly is null ? null : new TestRunFingerprint(TestRunFingerprint.AssemblyIdentityOf(assembly), Value("Ommx.GitCommit"), null),
        };
    }

    /// <summary>
    /// Name and declared type of every parameter of every test method in <paramref name="assembly"/> (methods carrying
    /// <paramref name="factAttribute"/>, public or not, so the same assembly always gives the same columns) and of
    /// <paramref name="testCaseMethods"/>, the methods of this run's test cases (they may live in a base class elsewhere).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, Type>> TestMethodParameters(Assembly? assembly, Type factAttribute, IEnumerable<MethodInfo> testCaseMethods)
    {
        ArgumentNullException.ThrowIfNull(testCaseMethods);
        var methods = new HashSet<MethodInfo>();
        if (assembly is not null)
        {
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
                    methods.UnionWith(type.GetMethods(All).Where(m => m.GetParameters().Length > 0 && m.IsDefined(factAttribute, inherit: true)));
                }
                catch (Exception e) when (e is TypeLoadException or FileNotFoundException or FileLoadException or NotSupportedException)
                {
                    // A type whose members cannot load has no test the framework could run either.
                }
            }
        }

        methods.UnionWith(testCaseMethods);
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
