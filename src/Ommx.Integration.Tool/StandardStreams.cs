using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Ommx.Integration.Tool;

/// <summary>
/// Standard output and error written straight to file descriptors 1 and 2 on Linux and macOS. Writing
/// through <see cref="Console"/> to a terminal makes .NET first switch the terminal's keypad mode, which
/// prints <c>ESC [ ? 1 h ESC =</c>; with these, plain output (<c>NO_COLOR</c>, pipes) has no escape
/// sequence at all. A reader that goes away (<c>| head</c>) is ignored, as the console streams do. On
/// Windows they are the <see cref="Console"/> streams. Only a terminal is written through the descriptor:
/// a file stream over a redirected regular file would write at its own offset (<c>pwrite</c>) and clobber
/// what the shell writes around the tool (<c>{ echo a; ommx list; echo b; } &gt; log</c>), so redirected
/// output goes through the console streams, which write at the shared offset.
/// </summary>
internal static class StandardStreams
{
    public static TextWriter Output { get; } = Writer(1, Console.Out, Console.IsOutputRedirected);

    public static TextWriter Error { get; } = Writer(2, Console.Error, Console.IsErrorRedirected);

    /// <summary>Standard output as a byte stream, for commands that print raw bytes.</summary>
    public static Stream OpenOutput() =>
        OperatingSystem.IsWindows() || Console.IsOutputRedirected ? new BrokenPipeTolerantStream(Console.OpenStandardOutput()) : Descriptor(1);

    private static TextWriter Writer(int descriptor, TextWriter console, bool redirected) =>
        OperatingSystem.IsWindows()
            ? console
            : TextWriter.Synchronized(new StreamWriter(redirected ? Redirected(descriptor) : Descriptor(descriptor), new UTF8Encoding(false), bufferSize: 4096) { AutoFlush = true });

    private static BrokenPipeTolerantStream Redirected(int descriptor) =>
        new(descriptor == 1 ? Console.OpenStandardOutput() : Console.OpenStandardError());

    private static BrokenPipeTolerantStream Descriptor(int descriptor) =>
        new(new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0));
}
