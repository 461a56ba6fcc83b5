using System.Collections.Immutable;

namespace Ommx.Integration.Model;

/// <summary>Descriptive metadata of an Instance (all optional).</summary>
public sealed record InstanceDescription
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public ImmutableArray<string> Authors { get; init; } = [];

    /// <summary>The program that created the instance, e.g. <c>jijmodeling-1.13.0</c>.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>RFC 3339 time stamp.</summary>
    public string? Created { get; init; }

    /// <summary>SPDX license id.</summary>
    public string? License { get; init; }

    public string? Dataset { get; init; }
}
