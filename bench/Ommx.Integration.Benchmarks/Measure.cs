using System.Diagnostics;

namespace Ommx.Integration.Benchmarks;

/// <summary>Times baseline and candidate alternately, several rounds, and reports medians and their ratio.</summary>
internal static class Measure
{
    public static void SideBySide(string title, int rounds, Action baseline, Action candidate, Action? betweenRounds = null)
    {
        var b = new List<double>();
        var c = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            b.Add(Time(baseline));
            betweenRounds?.Invoke();
            c.Add(Time(candidate));
            betweenRounds?.Invoke();
        }

        var mb = Median(b);
        var mc = Median(c);
        Console.WriteLine($"{title}: baseline median {mb:F3} s, ommx median {mc:F3} s, ratio {mc / mb:F2}x ({rounds} rounds)");
    }

    public static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
