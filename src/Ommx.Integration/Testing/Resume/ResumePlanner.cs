using Ommx.Integration.Experiments;
using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Listing;

namespace Ommx.Integration.Testing.Resume;

/// <summary>
/// Finds the checkpoint a test run resumes and checks that it may: <see cref="Decide"/> for a build
/// (<c>dotnet test -p:OmmxResume=true</c>), <see cref="Load(LocalRegistry, string)"/> for a named checkpoint, <see cref="Resumable"/> for listings.
/// A checkpoint is resumable when it is failed or interrupted and no later recording names it as its <c>subject</c>
/// (a resume of it that committed or checkpointed again supersedes it).
/// </summary>
internal static class ResumePlanner
{
    private static readonly ExperimentStatus[] Readable = [ExperimentStatus.Finished, ExperimentStatus.Failed, ExperimentStatus.Interrupted, ExperimentStatus.Draft];

    /// <summary>The command that resumes the newest resumable checkpoint of a project (<paramref name="from"/>: a named one).</summary>
    public static string Command(string? from) =>
        from is null ? "dotnet test -p:OmmxResume=true" : "dotnet test -p:OmmxResume=true -p:OmmxResumeFrom=" + from;

    /// <summary>
    /// The plan of the checkpoint <paramref name="name"/> names: a checkpoint ref, the name a run was recorded under
    /// (its checkpoint), an alias such as <c>…:latest-failed</c>, or <c>sha256:…</c> (a manifest digest).
    /// </summary>
    /// <exception cref="OmmxException">Nothing failed or interrupted is found under that name.</exception>
    public static ResumePlan Load(LocalRegistry registry, string name)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        name = name.Trim();
        if (name.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return Load(registry, Digest.Parse(name), name, null);
        }

        var image = ImageReference.Parse(name);
        var committed = false;
        foreach (var candidate in new[] { image, ImageNames.CheckpointReference(registry.RegistryId, image) })
        {
            if (registry.Resolve(candidate) is not { } digest)
            {
                continue;
            }

            var stored = registry.ReadManifest(digest);
            var loaded = ExperimentArtifactReader.Read(registry, stored, Readable);
            if (loaded.Status is ExperimentStatus.Failed or ExperimentStatus.Interrupted)
            {
                return Plan(stored.Descriptor, loaded, candidate.ToString(), null);
            }

            committed |= loaded.Status == ExperimentStatus.Finished;
        }

        throw new OmmxException(committed
            ? $"{name} is a committed Experiment (every test passed there): there is nothing to resume. `ommx checkpoints --status failed --status interrupted` lists what can be resumed."
            : $"No failed or interrupted checkpoint is named {name}. `ommx checkpoints --status failed --status interrupted` lists what can be resumed.");
    }

    /// <summary>The plan of the checkpoint manifest <paramref name="manifest"/> (what a test host reads from its session).</summary>
    public static ResumePlan Load(LocalRegistry registry, Digest manifest, string imageName, string? updatedAt)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var stored = registry.ReadManifest(manifest);
        var loaded = ExperimentArtifactReader.Read(registry, stored, Readable);
        if (loaded.Status is not (ExperimentStatus.Failed or ExperimentStatus.Interrupted))
        {
            throw new OmmxException($"{imageName} ({manifest}) is {StatusText.Of(loaded.Status)}, not a failed or interrupted checkpoint: there is nothing to resume");
        }

        return Plan(stored.Descriptor, loaded, imageName, updatedAt);
    }

    private static ResumePlan Plan(Descriptor manifest, LoadedExperiment loaded, string imageName, string? updatedAt) =>
        new(
            new ResumeCheckpoint
            {
                ImageName = imageName,
                RequestedImage = loaded.RequestedName?.ToString() ?? imageName,
                Manifest = new Descriptor(MediaTypes.ImageManifest, manifest.Digest, manifest.Size),
                Status = loaded.Status,
                Reason = loaded.Reason,
                UpdatedAt = updatedAt,
            },
            loaded.Content);

    /// <summary>
    /// The failed and interrupted checkpoints no later recording has resumed, newest first; with a repository, only
    /// those recorded under it (<c>&lt;repository&gt;:&lt;tag&gt;</c>).
    /// </summary>
    public static IReadOnlyList<ExperimentRecord> Resumable(LocalRegistry registry, string? repository = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var (checkpoints, _) = ExperimentCatalog.ListCheckpoints(registry, repository is null ? null : repository + ":", [ExperimentStatus.Failed, ExperimentStatus.Interrupted]);
        var superseded = Superseded(registry);
        return checkpoints
            .Where(c => !superseded.Contains(c.ManifestDigest) && (repository is null || c.RequestedImage?.RepositoryKey == repository))
            .OrderByDescending(c => c.UpdatedAt, StringComparer.Ordinal)
            .ThenByDescending(c => c.ImageName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Manifests some Experiment or checkpoint in the registry names as its <c>subject</c>.</summary>
    public static HashSet<Digest> Superseded(LocalRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return ArtifactCatalog.List(registry, null, includeInternal: true).Artifacts
            .Where(a => a.IsExperiment && a.Manifest.Subject is not null)
            .Select(a => a.Manifest.Subject!.Digest)
            .ToHashSet();
    }

    /// <summary>
    /// Chooses the checkpoint a build resumes (the named one, else the newest resumable one of the repository recorded by
    /// the same project and target framework) and compares fingerprints: a change refuses the resume unless forced.
    /// </summary>
    /// <exception cref="OmmxException">The named checkpoint does not exist or is not failed or interrupted.</exception>
    public static ResumeDecision Decide(LocalRegistry registry, ResumeRequest request)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(request);
        ResumePlan plan;
        if (!string.IsNullOrWhiteSpace(request.From))
        {
            plan = Load(registry, request.From);
        }
        else
        {
            var newest = Resumable(registry, request.Repository).FirstOrDefault(c => SameProject(c.Annotations, request));
            if (newest is null)
            {
                return new ResumeDecision
                {
                    Kind = ResumeDecisionKind.NothingToResume,
                    Message = $"OMMX: nothing to resume: no failed or interrupted checkpoint of {request.Repository}{ProjectText(request)} that was not resumed already; running every test",
                };
            }

            plan = Load(registry, newest.ManifestDigest, newest.ImageName, newest.UpdatedAt);
        }

        var recorded = plan.Fingerprint;
        IReadOnlyList<FingerprintChange> changes = recorded is null
            ? [new FingerprintChange(FingerprintPart.TestAssembly, null, request.Current.AssemblyIdentity)]
            : recorded.ChangesTo(request.Current);
        var what = $"{plan.Checkpoint.RequestedImage} ({StatusText.Of(plan.Checkpoint.Status)} checkpoint {plan.Checkpoint.Manifest.Digest})";
        if (changes.Count > 0 && !request.Force)
        {
            return new ResumeDecision
            {
                Kind = ResumeDecisionKind.Refused,
                Plan = plan,
                Changes = changes,
                Message = $"Cannot resume {what}: what it tested changed: {string.Join("; ", changes)}. Its passes may not hold any more: "
                    + "run every test (drop OmmxResume), or resume anyway with -p:OmmxResumeForce=true (the changes are recorded in the new Experiment).",
            };
        }

        return new ResumeDecision
        {
            Kind = ResumeDecisionKind.Resume,
            Plan = plan,
            Changes = changes,
            Message = $"OMMX: resuming {what}: {plan.PassedCount} passed test case(s) carried, the rest run"
                + (changes.Count > 0 ? $"; forced although {string.Join("; ", changes)}" : string.Empty),
        };
    }

    private static bool SameProject(IReadOnlyDictionary<string, string> annotations, ResumeRequest request) =>
        Matches(annotations, AnnotationKeys.Project, request.Project) && Matches(annotations, AnnotationKeys.TargetFramework, request.TargetFramework);

    private static bool Matches(IReadOnlyDictionary<string, string> annotations, string key, string? wanted) =>
        wanted is null || !annotations.TryGetValue(key, out var recorded) || string.Equals(recorded, wanted, StringComparison.Ordinal);

    private static string ProjectText(ResumeRequest request) =>
        request.Project is null ? string.Empty : $" recorded by {request.Project}{(request.TargetFramework is null ? string.Empty : " " + request.TargetFramework)}";
}
