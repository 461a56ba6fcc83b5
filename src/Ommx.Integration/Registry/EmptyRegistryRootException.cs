namespace Ommx.Integration.Registry;

/// <summary>An explicit registry root that is empty (for example <c>--root ''</c>): an error, never the default root.</summary>
internal sealed class EmptyRegistryRootException : OmmxException
{
    public EmptyRegistryRootException()
        : base("The Local Registry root given is empty (--root ''). Name a directory, or leave the option out to use "
            + $"{LocalRegistryRoot.EnvironmentVariable} or the OS default.")
    {
    }
}
