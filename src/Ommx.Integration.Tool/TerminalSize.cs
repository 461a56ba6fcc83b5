using System.Runtime.InteropServices;

namespace Ommx.Integration.Tool;

/// <summary>
/// The width of the terminal on standard output. On Linux and macOS it asks the terminal directly
/// (<c>ioctl TIOCGWINSZ</c>): <see cref="Console.WindowWidth"/> would first switch the terminal's keypad
/// mode, writing <c>ESC [ ? 1 h ESC =</c> even when <c>NO_COLOR</c> asks for no escape sequences.
/// </summary>
internal static class TerminalSize
{
    private const int StandardOutput = 1;

    /// <summary>Columns of the terminal on standard output, or <c>null</c> when that cannot be told.</summary>
    public static int? StandardOutputColumns()
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                return Console.WindowWidth > 0 ? Console.WindowWidth : null;
            }
            catch (IOException)
            {
                return null;
            }
        }

        var request = OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 0x40087468UL : 0x5413UL;
        try
        {
            return Ioctl(StandardOutput, request, out var size) == 0 && size.Columns > 0 ? size.Columns : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = false)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Ioctl(int fd, ulong request, out WindowSize size);

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort PixelWidth;
        public ushort PixelHeight;
    }
}
