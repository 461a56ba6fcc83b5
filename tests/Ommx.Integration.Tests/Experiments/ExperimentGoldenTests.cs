using System.Formats.Tar;
using System.Text;
using Ommx.Integration.Experiments;
using Ommx.Integration.Oci;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Experiments;

/// <summary>
/// A fixed Experiment (attachments, all four parameter types, a failed Run, a fork) saved as .ommx; the
/// manifest and config bytes in the archive must equal golden files written from the spec's rules:
/// manifest keys sorted and compact, config keys in OMMX's struct order, layers in §1.5 order.
/// </summary>
public sealed class ExperimentGoldenTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private static string GoldenPath(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "Ommx.Integration.Tests", "Experiments", "Golden", name);

    [Fact]
    public void SaveForkedExperiment_ManifestAndConfigMatchGoldenFiles()
    {
        using var parent = Experiment.Create(temp.Registry, "example.com/golden/parent:v1");
        parent.SetAnnotation("com.example.problem", "qap");
        parent.LogBytes("dataset", MediaTypes.Json, "{\"n\":3}"u8);
        parent.Run(run =>
        {
            run.LogParameter("flag", true);
            run.LogParameter("count", 7);
            run.LogParameter("ratio", 0.5);
            run.LogParameter("solver", "scip");
            run.LogBytes("candidate", "text/plain", "x=1"u8);
        });
        var failed = parent.Run();
        failed.LogParameter("count", 9);
        failed.Fail("ValueError: failed");
        parent.Commit();

        using var child = parent.Fork("example.com/golden/child:v1");
        child.Run(run =>
        {
            run.LogParameter("count", 8);
            run.LogParameter("ratio", 1.25);
        });
        child.Commit();
        var archive = temp.Scratch.Combine("child.ommx");
        child.Save(archive);

        var (manifest, config) = ReadManifestAndConfig(archive);
        AssertGolden("child.manifest.json", manifest);
        AssertGolden("child.config.json", config);
    }

    /// <summary>Compares with the golden file; on a mismatch writes the actual text next to it as <c>.actual</c> for review.</summary>
    private static void AssertGolden(string name, string actual)
    {
        var expected = File.ReadAllText(GoldenPath(name)).TrimEnd('\n');
        if (expected != actual)
        {
            File.WriteAllText(GoldenPath(name) + ".actual", actual + "\n");
        }

        Assert.Equal(expected, actual);
    }

    private static (string Manifest, string Config) ReadManifestAndConfig(string archive)
    {
        var files = new Dictionary<string, byte[]>();
        using (var stream = File.OpenRead(archive))
        using (var reader = new TarReader(stream))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                using var data = new MemoryStream();
                entry.DataStream?.CopyTo(data);
                files[entry.Name] = data.ToArray();
            }
        }

        var index = Encoding.UTF8.GetString(files["index.json"]);
        var manifestHex = index.Split("sha256:")[1][..64];
        var manifestBytes = files["blobs/sha256/" + manifestHex];
        var parsed = ImageManifest.Parse(manifestBytes);
        return (Encoding.UTF8.GetString(manifestBytes), Encoding.UTF8.GetString(files["blobs/sha256/" + parsed.Config.Digest.Hex]));
    }

    public void Dispose() => temp.Dispose();
}
