namespace Ommx.Integration.Tests.TestSupport;

/// <summary>A fact that needs <see cref="SmallFileSystem"/>; skipped, with the reason, where none can be mounted.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SmallFileSystemFactAttribute : FactAttribute
{
    public SmallFileSystemFactAttribute()
    {
        if (SmallFileSystem.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
