using System.Globalization;
using Ommx.Integration.Oci;

namespace Ommx.Integration.Tests.Oci;

public sealed class ImageNamesTests
{
    private const string RegistryId = "bb040f6d9a3c4e21b7f05d6c8e2a1f3b";
    private static readonly DateTime FixedLocalTime = new(2026, 5, 12, 15, 30, 45, DateTimeKind.Local);

    [Fact]
    public void RepositoryConstants_Values_MatchOmmx()
    {
        Assert.Equal("anonymous", ImageNames.AnonymousRepository);
        Assert.Equal("experiment", ImageNames.ExperimentRepository);
        Assert.Equal("checkpoint", ImageNames.CheckpointRepository);
    }

    [Theory]
    [InlineData(RegistryId, "bb040f6d.ommx.local")]
    [InlineData("0123abcd", "0123abcd.ommx.local")]
    [InlineData("abcdef01-not-hex-after-eight", "abcdef01.ommx.local")]
    public void RegistryHost_LowerHexPrefix_ReturnsFirstEightCharsWithOmmxLocal(string registryId, string expected)
    {
        Assert.Equal(expected, ImageNames.RegistryHost(registryId));
    }

    [Theory]
    [InlineData("ABCDEF0123456789", "ABCDEF01")]
    [InlineData("existing-registry-id", "existing")]
    [InlineData("bb040f6", "bb040f6")]
    [InlineData("", "")]
    [InlineData("0123456g89", "0123456g")]
    [InlineData("0123 567", "0123 567")]
    public void RegistryHost_InvalidPrefix_ThrowsWithQuotedPrefix(string registryId, string prefix)
    {
        var exception = Assert.Throws<OmmxException>(() => ImageNames.RegistryHost(registryId));

        Assert.Equal(
            "Anonymous artifact registry id must be at least 8 lowercase hex chars; got \"" + prefix + "\"",
            exception.Message);
    }

    [Fact]
    public void RegistryHost_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ImageNames.RegistryHost(null!));
    }

    [Fact]
    public void NewAnonymous_FixedTime_HasOmmxShape()
    {
        var name = ImageNames.NewAnonymous(RegistryId, ImageNames.AnonymousRepository, FixedLocalTime);

        Assert.Equal("bb040f6d.ommx.local", name.Registry);
        Assert.Equal("anonymous", name.Repository);
        Assert.Equal("bb040f6d.ommx.local/anonymous", name.RepositoryKey);
        Assert.Null(name.Digest);
        var tag = name.Tag;
        Assert.NotNull(tag);
        Assert.Equal(28, tag.Length);
        Assert.Equal('T', tag[8]);
        Assert.Equal('-', tag[15]);
        Assert.StartsWith("20260512T153045-", tag, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{12}$", tag[16..]);
        Assert.Equal(tag, name.Reference);
        Assert.Equal("bb040f6d.ommx.local/anonymous:" + tag, name.ToString());
    }

    [Fact]
    public void NewAnonymous_Result_IsRecognisedByPredicates()
    {
        var name = ImageNames.NewAnonymous(RegistryId, ImageNames.AnonymousRepository, FixedLocalTime);

        Assert.True(ImageNames.IsAnonymousTag(name.Reference));
        Assert.True(ImageNames.IsAnonymousRepositoryKey(name.RepositoryKey, includeExperiments: false));
    }

    [Fact]
    public void NewAnonymous_ExperimentRepository_UsesExperimentRepositoryKey()
    {
        var name = ImageNames.NewAnonymous(RegistryId, ImageNames.ExperimentRepository, FixedLocalTime);

        Assert.Equal("bb040f6d.ommx.local/experiment", name.RepositoryKey);
        Assert.True(ImageNames.IsAnonymousTag(name.Reference));
        Assert.False(ImageNames.IsAnonymousRepositoryKey(name.RepositoryKey, includeExperiments: false));
        Assert.True(ImageNames.IsAnonymousRepositoryKey(name.RepositoryKey, includeExperiments: true));
    }

    [Fact]
    public void NewAnonymous_TwoConsecutiveNamesInSameSecond_Differ()
    {
        var first = ImageNames.NewAnonymous(RegistryId, ImageNames.AnonymousRepository, FixedLocalTime);
        var second = ImageNames.NewAnonymous(RegistryId, ImageNames.AnonymousRepository, FixedLocalTime);

        Assert.NotEqual(first, second);
        Assert.NotEqual(first.Tag, second.Tag);
    }

    [Fact]
    public void NewAnonymous_MidnightAndSingleDigitFields_ZeroPadded()
    {
        var name = ImageNames.NewAnonymous(
            RegistryId, ImageNames.AnonymousRepository, new DateTime(2026, 1, 2, 0, 3, 4, DateTimeKind.Local));

        Assert.StartsWith("20260102T000304-", name.Tag, StringComparison.Ordinal);
    }

    [Fact]
    public void NewAnonymous_AfternoonHour_UsesTwentyFourHourClock()
    {
        var name = ImageNames.NewAnonymous(
            RegistryId, ImageNames.AnonymousRepository, new DateTime(2026, 1, 2, 23, 59, 59, DateTimeKind.Local));

        Assert.StartsWith("20260102T235959-", name.Tag, StringComparison.Ordinal);
    }

    [Fact]
    public void NewAnonymous_CurrentCultureWithBuddhistCalendar_StillUsesGregorianDigits()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("th-TH");
            // Precondition: this culture really would print a different year.
            Assert.Equal("2569", FixedLocalTime.ToString("yyyy", CultureInfo.CurrentCulture));

            var name = ImageNames.NewAnonymous(RegistryId, ImageNames.AnonymousRepository, FixedLocalTime);

            Assert.StartsWith("20260512T153045-", name.Tag, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void NewAnonymous_WithoutTime_UsesLocalWallClock()
    {
        var before = TruncateToSecond(DateTime.Now);
        var name = ImageNames.NewAnonymous(RegistryId, ImageNames.AnonymousRepository);
        var after = TruncateToSecond(DateTime.Now);

        var stamp = DateTime.ParseExact(name.Tag![..15], "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        Assert.InRange(stamp, before, after);
        Assert.True(ImageNames.IsAnonymousTag(name.Reference));
    }

    [Theory]
    [InlineData("Anonymous")]
    [InlineData("a/b")]
    [InlineData("a.b")]
    [InlineData("a b")]
    [InlineData("")]
    public void NewAnonymous_InvalidRepository_Throws(string repository)
    {
        var exception = Assert.Throws<OmmxException>(
            () => ImageNames.NewAnonymous(RegistryId, repository, FixedLocalTime));

        Assert.Contains("[a-z0-9_-]+", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("my_repo-2")]
    [InlineData("x")]
    public void NewAnonymous_CustomRepository_UsedVerbatim(string repository)
    {
        var name = ImageNames.NewAnonymous(RegistryId, repository, FixedLocalTime);

        Assert.Equal("bb040f6d.ommx.local/" + repository, name.RepositoryKey);
    }

    [Fact]
    public void NewAnonymous_InvalidRegistryId_ThrowsRegistryIdError()
    {
        var exception = Assert.Throws<OmmxException>(
            () => ImageNames.NewAnonymous("existing-registry-id", ImageNames.AnonymousRepository, FixedLocalTime));

        Assert.StartsWith("Anonymous artifact registry id must be", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20260512T153045-a3f17b9c04d1")]
    [InlineData("00000000T000000-000000000000")]
    [InlineData("99999999T999999-ffffffffffff")]
    public void IsAnonymousTag_AnonymousShape_ReturnsTrue(string reference)
    {
        Assert.True(ImageNames.IsAnonymousTag(reference));
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("latest")]
    [InlineData("")]
    [InlineData("20260512-15304500a3f17b9c")]
    [InlineData("20260512T153045")]
    [InlineData("20260512T153045-XXXXXXXX")]
    [InlineData("20260512T153045_a3f17b9c")]
    [InlineData("20260512T153045-a3f17b9c04d")]
    [InlineData("20260512T153045-a3f17b9c04d1f")]
    [InlineData("20260512T153045-A3F17B9C04D1")]
    [InlineData("20260512t153045-a3f17b9c04d1")]
    [InlineData("20260512T153045_a3f17b9c04d1")]
    [InlineData("2026051xT153045-a3f17b9c04d1")]
    [InlineData("20260512T15304x-a3f17b9c04d1")]
    [InlineData("20260512T153045-a3f17b9c04dg")]
    [InlineData("٢٠٢٦٠٥١٢T153045-a3f17b9c04d1")]
    [InlineData("sha256:0011223344556677889900112233445566778899001122334455667788990011")]
    public void IsAnonymousTag_OtherShape_ReturnsFalse(string reference)
    {
        Assert.False(ImageNames.IsAnonymousTag(reference));
    }

    [Theory]
    [InlineData("bb040f6d.ommx.local/anonymous", false, true)]
    [InlineData("bb040f6d.ommx.local/anonymous", true, true)]
    [InlineData("00000000.ommx.local/anonymous", false, true)]
    [InlineData("bb040f6d.ommx.local/experiment", true, true)]
    [InlineData("bb040f6d.ommx.local/experiment", false, false)]
    [InlineData("myhost.ommx.local/anonymous", false, false)]
    [InlineData("myhost.ommx.local/anonymous", true, false)]
    [InlineData("ABCDEFGH.ommx.local/anonymous", false, false)]
    [InlineData("ABCDEF01.ommx.local/anonymous", false, false)]
    [InlineData("bb040f6d.ommx.local/checkpoint", true, false)]
    [InlineData("bb040f6d.ommx.local/anonymous/x", false, false)]
    [InlineData("bb040f6d.ommx.local/anonymous2", false, false)]
    [InlineData("bb040f6d.ommx.local/anonymou", false, false)]
    [InlineData("xbb040f6d.ommx.local/anonymous", false, false)]
    [InlineData("bb040f6.ommx.local/anonymous", false, false)]
    [InlineData("bb040f6d.other.local/anonymous", false, false)]
    [InlineData("bb040f6d.ommx.local:5000/anonymous", false, false)]
    [InlineData("bb040f6d", false, false)]
    [InlineData("", true, false)]
    public void IsAnonymousRepositoryKey_Name_ReturnsExpected(string name, bool includeExperiments, bool expected)
    {
        Assert.Equal(expected, ImageNames.IsAnonymousRepositoryKey(name, includeExperiments));
    }

    [Theory]
    [InlineData("example.com/team/experiment:baseline", "d82aca7438cfd46a495ccbd55a71c7ad616340da2cb47b2af9693424af501305")]
    [InlineData("docker.io/library/alpine:latest", "c9ef5b1f0b442255774ae31a839ff48ce1206a606a97052db8b4a13ae153fb7c")]
    [InlineData("ghcr.io/jij-inc/ommx/demo:v1", "23b28584ab5a12b2e019b1e01cf742ac430564ecb370800407d2ecd42f540785")]
    [InlineData("example.com/team/experiment:latest", "2bc737263a172ff0f349af93d45c4caee54ac9a978937b71bdf23edac6da7fea")]
    [InlineData("alpine", "c9ef5b1f0b442255774ae31a839ff48ce1206a606a97052db8b4a13ae153fb7c")]
    [InlineData("example.com/team/experiment", "2bc737263a172ff0f349af93d45c4caee54ac9a978937b71bdf23edac6da7fea")]
    [InlineData(
        "ghcr.io/jij-inc/ommx/demo:v1@sha256:0011223344556677889900112233445566778899001122334455667788990011",
        "4b0e03594ccd20e43fb3398ac8de24f425924e552b36f41d65a7873160875574")]
    [InlineData(
        "localhost:5000/ommx/test@sha256:0011223344556677889900112233445566778899001122334455667788990011",
        "b3baa4e04b136d871affa29d7e616f66917fd13a9ca8f29c04769833afcdd1ae")]
    public void CheckpointReference_RequestedImage_TagIsSha256OfCanonicalName(string requested, string expectedTag)
    {
        var checkpoint = ImageNames.CheckpointReference(RegistryId, ImageReference.Parse(requested));

        Assert.Equal("bb040f6d.ommx.local/checkpoint:" + expectedTag, checkpoint.ToString());
        Assert.Equal("bb040f6d.ommx.local/checkpoint", checkpoint.RepositoryKey);
        Assert.Equal(expectedTag, checkpoint.Tag);
        Assert.Equal(expectedTag, checkpoint.Reference);
        Assert.Null(checkpoint.Digest);
    }

    [Fact]
    public void CheckpointReference_OtherRegistryId_UsesItsPrefix()
    {
        var checkpoint = ImageNames.CheckpointReference(
            "0a1b2c3d00000000", ImageReference.Parse("example.com/team/experiment:baseline"));

        Assert.Equal(
            "0a1b2c3d.ommx.local/checkpoint:d82aca7438cfd46a495ccbd55a71c7ad616340da2cb47b2af9693424af501305",
            checkpoint.ToString());
    }

    [Fact]
    public void CheckpointReference_CheckpointName_IsNotAnonymous()
    {
        var checkpoint = ImageNames.CheckpointReference(RegistryId, ImageReference.Parse("alpine"));

        Assert.False(ImageNames.IsAnonymousRepositoryKey(checkpoint.RepositoryKey, includeExperiments: true));
        Assert.False(ImageNames.IsAnonymousTag(checkpoint.Reference));
    }

    [Fact]
    public void CheckpointReference_InvalidRegistryId_Throws()
    {
        Assert.Throws<OmmxException>(
            () => ImageNames.CheckpointReference("NOTHEX00", ImageReference.Parse("alpine")));
    }

    [Fact]
    public void CheckpointRepositoryKey_RegistryId_IsHostSlashCheckpoint()
    {
        Assert.Equal("bb040f6d.ommx.local/checkpoint", ImageNames.CheckpointRepositoryKey(RegistryId));
    }

    [Fact]
    public void CheckpointRepositoryKey_InvalidRegistryId_Throws()
    {
        var exception = Assert.Throws<OmmxException>(() => ImageNames.CheckpointRepositoryKey("short"));

        Assert.Equal(
            "Anonymous artifact registry id must be at least 8 lowercase hex chars; got \"short\"",
            exception.Message);
    }

    private static DateTime TruncateToSecond(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Kind);
}
