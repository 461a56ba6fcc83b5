namespace Ommx.Integration.Registry;

/// <summary>
/// Where the Local Registry lives: <c>OMMX_LOCAL_REGISTRY_ROOT</c> if set, else the OS data directory
/// OMMX uses (<c>$XDG_DATA_HOME/ommx</c> or <c>~/.local/share/ommx</c> on Linux,
/// <c>~/Library/Application Support/org.ommx.ommx</c> on macOS, <c>%APPDATA%\ommx\ommx\data</c> on Windows).
/// Resolving does not create the directory; opening a registry does.
/// </summary>
internal static class LocalRegistryRoot
{
    public const string EnvironmentVariable = "OMMX_LOCAL_REGISTRY_ROOT";

    /// <summary>
    /// The root an explicit path, the environment or the OS default gives, in that order. An explicit root
    /// that is empty or blank is an error (<see cref="EmptyRegistryRootException"/>), not a request for the default.
    /// </summary>
    public static string Resolve(string? explicitRoot = null)
    {
        if (explicitRoot is not null)
        {
            return string.IsNullOrWhiteSpace(explicitRoot) ? throw new EmptyRegistryRootException() : explicitRoot;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrEmpty(fromEnvironment) ? DefaultForThisOs() : fromEnvironment;
    }

    public static string DefaultForThisOs()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "ommx", "ommx", "data");
        }

        var home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h
            ? h
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Application Support", "org.ommx.ommx");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return xdg is { Length: > 0 } && Path.IsPathRooted(xdg)
            ? Path.Combine(xdg, "ommx")
            : Path.Combine(home, ".local", "share", "ommx");
    }
}
