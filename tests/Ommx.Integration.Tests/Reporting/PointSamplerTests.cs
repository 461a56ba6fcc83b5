using Ommx.Integration.Reporting;

namespace Ommx.Integration.Tests.Reporting;

public sealed class PointSamplerTests
{
    [Fact]
    public void Downsample_KeepsEachBinsExtremesWithinTheCap()
    {
        var points = Enumerable.Range(0, 10_000).Select(i => new ReportPoint(i, i == 5_001 ? 1e6 : i % 7)).ToList();

        var kept = PointSampler.Downsample(points, 100);

        Assert.True(kept.Count <= 100, kept.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(new ReportPoint(5_001, 1e6), kept);
        Assert.Equal(kept.OrderBy(p => p.X), kept);
        Assert.Equal(0, kept.Min(p => p.Y));
    }

    [Fact]
    public void Downsample_SmallInput_IsUnchanged()
    {
        var points = new[] { new ReportPoint(1, 2), new ReportPoint(3, 4) };

        Assert.Same(points, PointSampler.Downsample(points, 100));
    }
}
