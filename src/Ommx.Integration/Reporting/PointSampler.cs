namespace Ommx.Integration.Reporting;

/// <summary>
/// Keeps a plot's DOM small whatever the Experiment's size: points sorted by x are cut into equal bins and each
/// bin keeps its lowest and highest point, so outliers and the envelope stay visible while at most
/// <c>cap</c> points are drawn.
/// </summary>
internal static class PointSampler
{
    /// <summary>At most <paramref name="cap"/> (at least 2) of <paramref name="sorted"/>, which is ordered by x; the input itself when it fits.</summary>
    public static IReadOnlyList<ReportPoint> Downsample(IReadOnlyList<ReportPoint> sorted, int cap)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        cap = Math.Max(2, cap);
        if (sorted.Count <= cap)
        {
            return sorted;
        }

        var bins = cap / 2;
        var kept = new List<ReportPoint>(bins * 2);
        for (var bin = 0; bin < bins; bin++)
        {
            var start = (int)((long)bin * sorted.Count / bins);
            var end = (int)((long)(bin + 1) * sorted.Count / bins);
            int low = start, high = start;
            for (var i = start + 1; i < end; i++)
            {
                if (sorted[i].Y < sorted[low].Y)
                {
                    low = i;
                }

                if (sorted[i].Y > sorted[high].Y)
                {
                    high = i;
                }
            }

            kept.Add(sorted[Math.Min(low, high)]);
            if (low != high)
            {
                kept.Add(sorted[Math.Max(low, high)]);
            }
        }

        return kept;
    }
}
