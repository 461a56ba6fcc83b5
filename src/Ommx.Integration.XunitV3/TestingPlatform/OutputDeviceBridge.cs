using System.Reflection;
using Microsoft.Testing.Platform.Extensions.OutputDevice;
using Microsoft.Testing.Platform.OutputDevice;

namespace Ommx.Integration.XunitV3.TestingPlatform;

/// <summary>
/// Calls <see cref="IOutputDevice"/>'s <c>DisplayAsync</c> on Microsoft.Testing.Platform 1.x (producer, data) and 2.x
/// (producer, data, cancellation token) alike: the package compiles against 1.x (xunit.v3 3.x) and runs on 2.x too
/// (xunit.v3 4.x), where the 1.x signature no longer exists.
/// </summary>
internal static class OutputDeviceBridge
{
    private static readonly MethodInfo? Display = typeof(IOutputDevice).GetMethods()
        .Where(m => m.Name == nameof(IOutputDevice.DisplayAsync))
        .OrderByDescending(m => m.GetParameters().Length)
        .FirstOrDefault();

    /// <summary>False when the platform offers no display this code knows how to call (the caller then writes to the console).</summary>
    public static async Task<bool> TryDisplayAsync(IOutputDevice device, IOutputDeviceDataProducer producer, IOutputDeviceData data)
    {
        if (Display is null)
        {
            return false;
        }

        object?[] arguments = Display.GetParameters().Length switch
        {
            2 => [producer, data],
            3 when Display.GetParameters()[2].ParameterType == typeof(CancellationToken) => [producer, data, CancellationToken.None],
            _ => [],
        };
        if (arguments.Length == 0 || Display.Invoke(device, arguments) is not Task task)
        {
            return false;
        }

        await task.ConfigureAwait(false);
        return true;
    }
}
