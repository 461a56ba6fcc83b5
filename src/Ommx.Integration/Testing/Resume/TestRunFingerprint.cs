using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;

namespace Ommx.Integration.Testing.Resume;

/// <summary>
/// What a test run tested, recorded with every session so that a resume can tell whether the checkpoint's passes
/// still hold: the test assembly's identity (its module version id, which a deterministic build changes exactly when
/// the compiled code changes), the git revision it was built from, and a digest of the project's declared inputs
/// (<c>OmmxInput</c> items: instance files, solver settings the tests read). A part nobody could determine is <c>null</c>.
/// </summary>
internal sealed record TestRunFingerprint(string? AssemblyIdentity, string? GitRevision, string? DeclaredInputs)
{
    public const string AssemblyKey = AnnotationKeys.Prefix + "fingerprint.assembly";
    public const string GitRevisionKey = AnnotationKeys.Prefix + "fingerprint.git-revision";
    public const string InputsKey = AnnotationKeys.Prefix + "fingerprint.inputs";

    /// <summary>The manifest annotations that store the fingerprint (only the parts that are known).</summary>
    public IReadOnlyDictionary<string, string> ToAnnotations()
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        Put(AssemblyKey, AssemblyIdentity);
        Put(GitRevisionKey, GitRevision);
        Put(InputsKey, DeclaredInputs);
        return annotations;

        void Put(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                annotations[key] = value;
            }
        }
    }

    /// <summary>The fingerprint an Experiment's annotations store, or <c>null</c> when it was recorded without one.</summary>
    public static TestRunFingerprint? FromAnnotations(IReadOnlyDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        string? Get(string key) => annotations.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        var fingerprint = new TestRunFingerprint(Get(AssemblyKey), Get(GitRevisionKey), Get(InputsKey));
        return fingerprint == new TestRunFingerprint(null, null, null) ? null : fingerprint;
    }

    /// <summary>What differs between this (recorded) fingerprint and <paramref name="current"/>; empty when they match.</summary>
    public IReadOnlyList<FingerprintChange> ChangesTo(TestRunFingerprint current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var changes = new List<FingerprintChange>();
        Compare(FingerprintPart.TestAssembly, AssemblyIdentity, current.AssemblyIdentity);
        Compare(FingerprintPart.GitRevision, GitRevision, current.GitRevision);
        Compare(FingerprintPart.DeclaredInputs, DeclaredInputs, current.DeclaredInputs);
        return changes;

        void Compare(FingerprintPart part, string? recorded, string? now)
        {
            if (!string.Equals(recorded, now, StringComparison.Ordinal))
            {
                changes.Add(new FingerprintChange(part, recorded, now));
            }
        }
    }

    /// <summary><c>mvid:&lt;guid&gt;</c> of the assembly file at <paramref name="path"/> (read from its metadata, not loaded).</summary>
    /// <exception cref="OmmxException">The file is missing or not a .NET assembly.</exception>
    public static string AssemblyIdentityOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            return Mvid(metadata.GetGuid(metadata.GetModuleDefinition().Mvid));
        }
        catch (Exception e) when (StorageErrors.IsFileError(e) || e is BadImageFormatException or InvalidOperationException)
        {
            throw new OmmxException($"Cannot read the identity of test assembly {path}: {e.Message}. Build the test project before resuming.", e);
        }
    }

    /// <summary><c>mvid:&lt;guid&gt;</c> of a loaded assembly (what a test host knows about itself).</summary>
    public static string AssemblyIdentityOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Mvid(assembly.ManifestModule.ModuleVersionId);
    }

    /// <summary>
    /// <c>sha256:&lt;hex&gt;</c> over the declared input files, each as its path relative to <paramref name="baseDirectory"/>
    /// and the SHA-256 of its bytes (a missing file counts as missing), sorted by path; <c>null</c> for no inputs.
    /// </summary>
    public static string? DeclaredInputsOf(IEnumerable<string> paths, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var entries = paths
            .Select(p => Path.GetFullPath(p, baseDirectory))
            .Distinct(StringComparer.Ordinal)
            .Select(p => (Name: Path.GetRelativePath(baseDirectory, p).Replace('\\', '/'), Path: p))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var (name, path) in entries)
        {
            string hash;
            try
            {
                using var stream = File.OpenRead(path);
                hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                hash = "missing";
            }

            text.Append(name).Append('\t').Append(hash).Append('\n');
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Mvid(Guid guid) => "mvid:" + guid.ToString("D");
}
