using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Registry.Archives;
using Ommx.Integration.Registry.Listing;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry.Archives;

/// <summary>
/// Import refuses exactly the Experiments loading refuses: each mutated config or run-parameter table is first
/// published straight into a "foreign" registry (as a buggy tool would write it), loaded there, exported, and
/// imported into a clean registry. Loading may only ever refuse with an <see cref="OmmxException"/> (one clear
/// line, never a stack trace); listing the foreign registry reports each bad config as a warning and goes on.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ImportExperimentDepthTests : IDisposable
{
    private const int Seed = 15_2026;
    private const int Cases = 120;
    private static readonly ExperimentLoadOptions NoPull = new() { AllowPull = false };
    private readonly TempRegistry foreign = new();
    private readonly TempRegistry target = new();

    [Fact]
    public void Import_MutatedConfigsAndTables_RefusedExactlyWhenLoadingRefuses()
    {
        var (manifest, config, table, tableIndex) = CommitSample();
        var random = new Random(Seed);
        var (refused, accepted) = (0, 0);
        for (var i = 0; i < Cases; i++)
        {
            var (kind, badConfig, badTable) = ExperimentMutations.Next(random, config, table);
            var name = $"example.com/deep/exp:case-{i}";
            PublishDirectly(name, manifest, tableIndex, badConfig, badTable);

            var loadError = LoadError(foreign.Registry, name);
            var archive = foreign.Scratch.Combine($"case-{i}.ommx");
            OciArchiveExporter.Export(foreign.Registry, ImageReference.Parse(name), archive);
            string? importError = null;
            try
            {
                OciArchiveImporter.Import(target.Registry, archive);
            }
            catch (ArchiveFormatException e)
            {
                importError = e.Message;
            }

            Assert.True(loadError is null == importError is null,
                $"case {i} ({kind}, seed {Seed}): loading {(loadError is null ? "accepts" : $"refuses ({loadError})")} but import {(importError is null ? "accepts" : $"refuses ({importError})")}");
            if (importError is null)
            {
                accepted++;
                Assert.Null(LoadError(target.Registry, name));
            }
            else
            {
                refused++;
                Assert.Null(target.Registry.Resolve(ImageReference.Parse(name)));
            }
        }

        Assert.True(refused > Cases / 2 && accepted > 0, $"refused {refused}, accepted {accepted}");
        Assert.Empty(ExperimentCatalog.List(target.Registry).Warnings);
    }

    [Fact]
    public void Experiments_BadConfigInRegistry_OneWarningAndTheRestListed()
    {
        var (manifest, config, table, tableIndex) = CommitSample();
        var random = new Random(Seed);
        var bad = 0;
        for (var i = 0; i < 60; i++)
        {
            var (_, badConfig, badTable) = ExperimentMutations.Next(random, config, table);
            if (badTable != table)
            {
                continue;
            }

            PublishDirectly($"example.com/deep/exp:bad-{i}", manifest, tableIndex, badConfig, badTable);
            bad += LoadError(foreign.Registry, $"example.com/deep/exp:bad-{i}") is null ? 0 : 1;
        }

        var (experiments, warnings) = ExperimentCatalog.List(foreign.Registry);
        Assert.Contains(experiments, e => e.ImageName == "example.com/deep/exp:base");
        Assert.True(bad > 10, $"only {bad} bad configs");
        Assert.Equal(experiments.Count + warnings.Count, foreign.Registry.ListRefs().Count);
        Assert.All(warnings, w => Assert.DoesNotContain('\n', w.ToString()));
        Assert.Throws<ListingException>(() => ExperimentCatalog.List(foreign.Registry, strict: true));
    }

    private (ImageManifest Manifest, byte[] Config, byte[] Table, int TableIndex) CommitSample()
    {
        var descriptor = SampleExperiments.Commit(foreign.Registry, "example.com/deep/exp:base", attachmentBytes: 64);
        var manifest = foreign.Registry.ReadManifest(descriptor.Digest).Manifest;
        var tableIndex = manifest.Layers.ToList().FindIndex(l => l.MediaType == MediaTypes.RunParameters);
        return (manifest, foreign.Registry.Blobs.Read(manifest.Config), foreign.Registry.Blobs.Read(manifest.Layers[tableIndex]), tableIndex);
    }

    /// <summary>Writes the artifact into the foreign registry without any import check, as another tool might.</summary>
    private void PublishDirectly(string name, ImageManifest manifest, int tableIndex, byte[] config, byte[] table)
    {
        foreign.Registry.Blobs.Put(config);
        foreign.Registry.Blobs.Put(table);
        var layers = manifest.Layers.ToList();
        layers[tableIndex] = Descriptor.ForBytes(MediaTypes.RunParameters, table) with { Annotations = layers[tableIndex].Annotations };
        var mutated = new ImageManifest(manifest.ArtifactType, Descriptor.ForBytes(MediaTypes.ExperimentConfig, config), layers)
        {
            Subject = manifest.Subject,
            Annotations = manifest.Annotations,
        };
        var stored = foreign.Registry.StoreManifest(mutated);
        Assert.False(foreign.Registry.Publish(ImageReference.Parse(name), stored.Digest).IsConflict);
    }

    /// <summary>Why loading refuses, or <c>null</c>; any exception other than a clear refusal fails the test.</summary>
    private static string? LoadError(LocalRegistry registry, string name)
    {
        try
        {
            using var experiment = Experiment.Load(registry, name, NoPull);
            return null;
        }
        catch (OmmxException e)
        {
            return e.Message;
        }
    }

    public void Dispose()
    {
        foreign.Dispose();
        target.Dispose();
    }
}
