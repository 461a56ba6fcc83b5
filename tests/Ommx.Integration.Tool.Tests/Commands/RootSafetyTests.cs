using Ommx.Integration.Tool.Commands;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tool.Tests.TestSupport;

namespace Ommx.Integration.Tool.Tests.Commands;

/// <summary>
/// Deleting commands refuse a root that is not a Local Registry (an OCI image layout, blobs without an
/// index or with an empty one), and read-only commands never create a root or an index.
/// </summary>
public sealed class RootSafetyTests : IDisposable
{
    private static readonly DateTime LongAgo = DateTime.UtcNow.AddDays(-30);
    private readonly TempDirectory scratch = new();

    public static TheoryData<string> Shapes => new() { "oci-layout", "no-index", "empty-index" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DeletingCommands_RootThatIsNotALocalRegistry_RefusedWithReasonAndNothingDeleted(string shape)
    {
        var root = MakeRoot(shape, out var files);

        var runs = new[]
        {
            CommandRun.Of(c => new GcCommand(c).Run(new GcCommandOptions { Root = root, Delete = true, GracePeriod = "0s" })),
            CommandRun.Of(c => new PruneAnonymousCommand(c).Run(new PruneAnonymousCommandOptions { Root = root, Delete = true, Experiments = true })),
            CommandRun.Of(c => new RmCommand(c).Run(new RmCommandOptions { Root = root, Image = "example.com/x:1" })),
            CommandRun.Of(c => new GcCommand(c).Run(new GcCommandOptions { Root = root, GracePeriod = "0s" })),
        };

        foreach (var run in runs)
        {
            Assert.Equal(ExitCode.Problems, run.Exit);
            Assert.Contains(root, run.Error, StringComparison.Ordinal);
            Assert.Contains("nothing was changed", run.Error, StringComparison.OrdinalIgnoreCase);
        }

        AssertUnchanged(root, shape, files);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Doctor_RootThatIsNotALocalRegistry_ReportsItAndFixChangesNothing(string shape)
    {
        var root = MakeRoot(shape, out var files);

        foreach (var fix in new[] { false, true })
        {
            var run = CommandRun.Of(c => new DoctorCommand(c).Run(new DoctorCommandOptions { Root = root, Fix = fix }));

            Assert.Equal(ExitCode.Problems, run.Exit);
            Assert.Contains("Not A Registry", run.Out, StringComparison.Ordinal);
        }

        AssertUnchanged(root, shape, files);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WritingOpen_RootThatIsNotALocalRegistry_NeverStartsAnEmptyIndexThere(string shape)
    {
        var root = MakeRoot(shape, out var files);

        Assert.Throws<NotALocalRegistryException>(() => LocalRegistry.Open(root));

        AssertUnchanged(root, shape, files);
    }

    [Fact]
    public void ReadOnlyCommands_MissingRoot_ErrorNamesItAndNothingIsCreated()
    {
        var root = scratch.Combine("typo", "registry");
        var runs = new[]
        {
            CommandRun.Of(c => new ListCommand(c).Run(new ListCommandOptions { Root = root })),
            CommandRun.Of(c => new ExperimentsCommand(c).Run(new ExperimentsCommandOptions { Root = root })),
            CommandRun.Of(c => new CheckpointsCommand(c).Run(new CheckpointsCommandOptions { Root = root })),
            CommandRun.Of(c => new InspectCommand(c).Run(new InspectCommandOptions { Root = root, Image = "example.com/x:1" })),
            CommandRun.Of(c => new DoctorCommand(c).Run(new DoctorCommandOptions { Root = root })),
            CommandRun.Of(c => new GcCommand(c).Run(new GcCommandOptions { Root = root })),
            CommandRun.Of(c => new SizeCommand(c).Run(new SizeCommandOptions { Root = root, Images = ["example.com/x:1"] })),
            CommandRun.Of(c => new GcCommand(c).Run(new GcCommandOptions { Root = root, Delete = true })),
        };

        foreach (var run in runs)
        {
            Assert.Equal(ExitCode.Problems, run.Exit);
            Assert.Contains($"{root} does not exist", run.Error, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(scratch.Combine("typo")));
    }

    [Fact]
    public void ReadOnlyCommands_ExistingRootWithoutIndex_ReadAsEmptyAndCreateNoIndex()
    {
        var root = scratch.Combine("empty");
        Directory.CreateDirectory(root);

        Assert.Equal(ExitCode.Ok, CommandRun.Of(c => new ListCommand(c).Run(new ListCommandOptions { Root = root })).Exit);
        Assert.Equal(ExitCode.Ok, CommandRun.Of(c => new ExperimentsCommand(c).Run(new ExperimentsCommandOptions { Root = root })).Exit);
        var doctor = CommandRun.Of(c => new DoctorCommand(c).Run(new DoctorCommandOptions { Root = root }));
        Assert.True(doctor.Exit == ExitCode.Ok, doctor.All);
        Assert.Equal(ExitCode.Ok, CommandRun.Of(c => new GcCommand(c).Run(new GcCommandOptions { Root = root })).Exit);

        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public void EmptyRootOption_IsAUsageError_NotTheDefaultRoot()
    {
        var run = CommandRun.Of(c => new ListCommand(c).Run(new ListCommandOptions { Root = string.Empty }));
        var gc = CommandRun.Of(c => new GcCommand(c).Run(new GcCommandOptions { Root = " ", Delete = true }));

        Assert.Equal(ExitCode.Usage, run.Exit);
        Assert.Contains("--root ''", run.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Usage, gc.Exit);
        Assert.Throws<EmptyRegistryRootException>(() => LocalRegistryRoot.Resolve(string.Empty));
    }

    [Fact]
    public void GcDelete_RemovesOnlyWriterTempFiles_NotOtherDotBlobFiles()
    {
        using var temp = new TempRegistry();
        var sha = temp.Registry.Blobs.Sha256Directory;
        temp.Registry.Blobs.Put("keep me reachable?"u8);
        var writerTemp = Path.Combine(sha, ".blob-Ab3dE9.tmp");
        var userFiles = new[] { ".blob-notes.txt", ".blob-Ab3dE9.tmp.bak", ".blob-Ab3dE9X.tmp", ".blob-" }
            .Select(name => Path.Combine(sha, name)).ToList();
        foreach (var path in userFiles.Append(writerTemp))
        {
            File.WriteAllText(path, "user data");
            File.SetLastWriteTimeUtc(path, LongAgo);
        }

        temp.Registry.Dispose();
        var run = CommandRun.Of(c => new GcCommand(c).Run(new GcCommandOptions { Root = temp.Root, Delete = true, GracePeriod = "0s" }));

        Assert.Equal(ExitCode.Ok, run.Exit);
        Assert.False(File.Exists(writerTemp));
        Assert.All(userFiles, path => Assert.True(File.Exists(path), path));
        temp.Reopen();
    }

    [Theory]
    [InlineData("10675199d")]
    [InlineData("18446744073709551615s")]
    public void Doctor_HugeStaleAfter_RunsAndPrintsItsSummary(string staleAfter)
    {
        using var temp = new TempRegistry();
        temp.Commit("example.com/team/ok:v1", "ok"u8.ToArray());
        temp.Registry.Dispose();

        var run = CommandRun.Of(c => new DoctorCommand(c).Run(new DoctorCommandOptions { Root = temp.Root, StaleAfter = staleAfter }));
        temp.Reopen();

        Assert.True(run.Exit == ExitCode.Ok, run.All);
        Assert.Contains("Healthy", run.Out, StringComparison.Ordinal);
    }

    /// <summary>A root with three blob files (30 days old) in one of the shapes that is not a Local Registry.</summary>
    private string MakeRoot(string shape, out Dictionary<string, byte[]> files)
    {
        var root = scratch.Combine(shape);
        var sha = Path.Combine(root, "blobs", "sha256");
        Directory.CreateDirectory(sha);
        files = [];
        foreach (var text in new[] { "layer one", "layer two", "{\"config\":true}" })
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            var path = Path.Combine(sha, Digest.Compute(bytes).Hex);
            File.WriteAllBytes(path, bytes);
            File.SetLastWriteTimeUtc(path, LongAgo);
            files[path] = bytes;
        }

        switch (shape)
        {
            case "oci-layout":
                File.WriteAllText(Path.Combine(root, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
                File.WriteAllText(Path.Combine(root, "index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
                break;
            case "empty-index":
                File.WriteAllBytes(Path.Combine(root, RegistryIndex.FileName), []);
                break;
        }

        return root;
    }

    private static void AssertUnchanged(string root, string shape, Dictionary<string, byte[]> files)
    {
        foreach (var (path, bytes) in files)
        {
            Assert.Equal(bytes, File.ReadAllBytes(path));
        }

        var index = new FileInfo(Path.Combine(root, RegistryIndex.FileName));
        Assert.Equal(shape == "empty-index", index.Exists);
        if (index.Exists)
        {
            Assert.Equal(0, index.Length);
        }
    }

    public void Dispose() => scratch.Dispose();
}
