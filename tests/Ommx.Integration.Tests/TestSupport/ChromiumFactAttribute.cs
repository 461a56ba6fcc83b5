namespace Ommx.Integration.Tests.TestSupport;

/// <summary>A fact that drives <see cref="SystemChromium"/>; skipped when it is missing outside CI, run (and failing) in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (SystemChromium.Path is null && !SystemChromium.InCi)
        {
            Skip = SystemChromium.Missing;
        }
    }
}
