using System.Security.Cryptography;
using Ommx.Integration.Oci;
using Ommx.Integration.Registry;
using Ommx.Integration.Tests.TestSupport;

namespace Ommx.Integration.Tests.Registry;

public sealed class BlobStoreTests : IDisposable
{
    private readonly TempRegistry temp = new();

    private BlobStore Blobs => temp.Registry.Blobs;

    [Fact]
    public void Put_NewBytes_StoresUnderLowerCaseDigestWithUmaskMode()
    {
        var digest = Blobs.Put("hello"u8);

        var path = Path.Combine(temp.Root, "blobs", "sha256", digest.Hex);
        Assert.Equal("hello"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Equal(Digest.Compute("hello"u8), digest);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path) & (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            Assert.False(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute));
        }

        Assert.True(File.Exists(Path.Combine(temp.Root, "blobs", ".lock")));
        Assert.Empty(Directory.GetFiles(Blobs.Sha256Directory, ".blob-*"));
    }

    [Fact]
    public void Put_ExistingBlob_TouchesMtimeInsteadOfRewriting()
    {
        var digest = Blobs.Put("same"u8);
        var path = Blobs.PathFor(digest);
        var old = DateTime.UtcNow.AddDays(-3);
        File.SetLastWriteTimeUtc(path, old);

        Blobs.Put("same"u8);

        Assert.True(File.GetLastWriteTimeUtc(path) > old.AddDays(2));
    }

    [Theory]
    [InlineData("abce")]
    [InlineData("abcdef")]
    public void Put_ExistingBlobCorruptedOrWrongSize_VerifiedCopyReplacesIt(string rotten)
    {
        var digest = Blobs.Put("abcd"u8);
        File.WriteAllBytes(Blobs.PathFor(digest), System.Text.Encoding.ASCII.GetBytes(rotten));

        Assert.Equal(digest, Blobs.Put("abcd"u8));

        Assert.Equal("abcd"u8.ToArray(), Blobs.Read(digest));
        Assert.DoesNotContain(Directory.EnumerateFiles(Blobs.Sha256Directory), f => Path.GetFileName(f).StartsWith(".blob-", StringComparison.Ordinal));
    }

    [Fact]
    public void PutStream_ExistingBlobCorrupted_VerifiedCopyReplacesIt()
    {
        var digest = Blobs.Put("stream me"u8);
        File.WriteAllBytes(Blobs.PathFor(digest), "stream mf"u8.ToArray());

        Blobs.Put(new MemoryStream("stream me"u8.ToArray()));

        Assert.Equal("stream me"u8.ToArray(), Blobs.Read(digest));
    }

    [Fact]
    public void Put_ExistingBlobWhileBlobsDirectoryReadOnly_Succeeds()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            // Root ignores directory permissions, so the read-only condition cannot be produced here;
            // the reuse path is still exercised (no temp file is created when the blob exists).
            var d = Blobs.Put("reuse"u8);
            Blobs.Put("reuse"u8);
            Assert.Empty(Directory.GetFiles(Blobs.Sha256Directory, ".blob-*"));
            Assert.True(Blobs.Exists(d));
            return;
        }

        var digest = Blobs.Put("reuse"u8);
        File.SetUnixFileMode(Blobs.Sha256Directory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            Assert.Equal(digest, Blobs.Put("reuse"u8));
        }
        finally
        {
            File.SetUnixFileMode(Blobs.Sha256Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void PutStream_LargeInput_StreamsAndMatchesHash()
    {
        var bytes = RandomNumberGenerator.GetBytes(5 * 1024 * 1024 + 17);
        using var stream = new MemoryStream(bytes);

        var (digest, size) = Blobs.Put(stream);

        Assert.Equal(Digest.Compute(bytes), digest);
        Assert.Equal(bytes.Length, size);
        Assert.Equal(bytes, Blobs.Read(digest));
    }

    [Fact]
    public void PutStream_ReaderFails_AbortsAndLeavesNoTempFile()
    {
        using var failing = new FailingStream(after: 3 * 1024 * 1024);

        var e = Assert.Throws<OmmxException>(() => Blobs.Put(failing));

        Assert.StartsWith("Failed to read blob input", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Blobs.Sha256Directory, ".blob-*"));
    }

    [Fact]
    public void Stage_WhileWriting_HoldsExactlyOnePrivateTempFile()
    {
        using var staged = Blobs.Stage(new MemoryStream("staged"u8.ToArray()));

        var temps = Directory.GetFiles(Blobs.Sha256Directory, ".blob-*.tmp");
        Assert.Single(temps);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temps[0]));
        }

        Assert.False(Blobs.Exists(staged.Digest));
        staged.Commit();
        Assert.True(Blobs.Exists(staged.Digest));
        Assert.Empty(Directory.GetFiles(Blobs.Sha256Directory, ".blob-*"));
    }

    [Fact]
    public void Read_CorruptedBlob_ThrowsVerificationError()
    {
        var digest = Blobs.Put("payload"u8);
        File.WriteAllBytes(Blobs.PathFor(digest), "pay1oad"u8.ToArray());

        var e = Assert.Throws<OmmxException>(() => Blobs.Read(digest));
        Assert.Equal($"Blob digest verification failed for {digest}", e.Message);
    }

    [Fact]
    public void Read_MissingBlob_ThrowsFailedToRead()
    {
        var digest = Digest.Compute("absent"u8);
        var e = Assert.Throws<BlobNotFoundException>(() => Blobs.Read(digest));
        Assert.StartsWith("Failed to read blob", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenVerifiedRead_CorruptedBlob_ThrowsAtEnd()
    {
        var digest = Blobs.Put("streamed payload"u8);
        File.WriteAllBytes(Blobs.PathFor(digest), "streamed pay1oad"u8.ToArray());

        using var stream = Blobs.OpenVerifiedRead(digest, 16);
        Assert.Throws<OmmxException>(() => stream.CopyTo(Stream.Null));
    }

    [Fact]
    public async Task Put_SameBytesFromFourThreads_AllConverge()
    {
        var bytes = RandomNumberGenerator.GetBytes(256 * 1024);
        var registries = Enumerable.Range(0, 4).Select(_ => temp.OpenAnother()).ToList();
        try
        {
            var digests = await Task.WhenAll(registries.Select(r => Task.Run(() => r.Blobs.Put(bytes))));
            Assert.Single(digests.Distinct());
            Assert.Equal(bytes, Blobs.Read(digests[0]));
        }
        finally
        {
            registries.ForEach(r => r.Dispose());
        }
    }

    public void Dispose() => temp.Dispose();

    private sealed class FailingStream(int after) : Stream
    {
        private int read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (read >= after)
            {
                throw new IOException("simulated reader failure");
            }

            var n = Math.Min(count, after - read);
            read += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
