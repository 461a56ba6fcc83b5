namespace Knapsack.Tests;

/// <summary>0/1 knapsack by dynamic programming over capacities (the solver adapter replaces this later).</summary>
internal static class Knapsack
{
    public static (int Objective, int[] Chosen) Solve(int[] values, int[] weights, int capacity)
    {
        var best = new int[values.Length + 1, capacity + 1];
        for (var i = 1; i <= values.Length; i++)
        {
            for (var c = 0; c <= capacity; c++)
            {
                best[i, c] = best[i - 1, c];
                if (weights[i - 1] <= c)
                {
                    best[i, c] = Math.Max(best[i, c], best[i - 1, c - weights[i - 1]] + values[i - 1]);
                }
            }
        }

        var chosen = new List<int>();
        for (int i = values.Length, c = capacity; i > 0; i--)
        {
            if (best[i, c] != best[i - 1, c])
            {
                chosen.Add(i - 1);
                c -= weights[i - 1];
            }
        }

        chosen.Reverse();
        return (best[values.Length, capacity], [.. chosen]);
    }
}
