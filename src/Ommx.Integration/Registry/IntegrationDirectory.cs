namespace Ommx.Integration.Registry;

/// <summary>
/// <c>&lt;root&gt;/.ommx-integration/</c>: our own files beside OMMX's layout (OMMX ignores the directory) —
/// writer leases here, Run journals and test-session files from the layers above.
/// </summary>
internal static class IntegrationDirectory
{
    public const string Name = ".ommx-integration";

    public static string PathFor(string registryRoot) => Path.Combine(registryRoot, Name);
}
