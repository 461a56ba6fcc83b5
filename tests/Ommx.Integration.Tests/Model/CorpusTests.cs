using System.Formats.Tar;
using System.IO.Compression;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Model;

/// <summary>The acceptance check over the whole OmmxQuantumBenchmarks corpus (1,076 archives).</summary>
[Trait("Category", "Corpus")]
public sealed class CorpusTests
{
    [Fact]
    public void Corpus_EveryArchive_ReproducesStoredInstanceAndSolution()
    {
        using var temp = new TempDirectory();
        using (var gz = new GZipStream(File.OpenRead(TestPaths.Corpus), CompressionMode.Decompress))
        {
            TarFile.ExtractToDirectory(gz, temp.Path, overwriteFiles: false);
        }

        var files = Directory.GetFiles(temp.Path, "*.ommx");
        var failures = new List<string>();
        foreach (var file in files)
        {
            string? failure;
            try
            {
                failure = StoredSolutionCheck.Run(OmmxArchiveLayers.Read(file));
            }
            catch (OmmxException e)
            {
                failure = $"{e.GetType().Name}: {e.Message}";
            }

            if (failure is not null)
            {
                failures.Add($"{Path.GetFileName(file)}: {failure}");
            }
        }

        Assert.Equal(1076, files.Length);
        Assert.True(failures.Count == 0, $"{failures.Count} of {files.Length} archives differ:\n{string.Join("\n", failures.Take(20))}");
    }
}
