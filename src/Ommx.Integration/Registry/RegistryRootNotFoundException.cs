namespace Ommx.Integration.Registry;

/// <summary>A command that only reads (or deletes) was pointed at a root that does not exist; it does not create one.</summary>
internal sealed class RegistryRootNotFoundException : OmmxException
{
    public RegistryRootNotFoundException(string root)
        : base($"Local Registry root {root} does not exist. Check --root (or {LocalRegistryRoot.EnvironmentVariable}); "
            + "commands that only read or delete never create a registry.")
    {
        Root = root;
    }

    public string Root { get; }
}
