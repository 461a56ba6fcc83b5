using Ommx.Integration.Oci;

namespace Ommx.Integration.Tool.Commands;

/// <summary>The copy-pasteable <c>ommx restore-ref</c> line that undoes a removed ref.</summary>
internal static class RollbackCommand
{
    /// <param name="image">The image as OMMX prints it.</param>
    /// <param name="digest">The manifest digest the ref pointed to.</param>
    /// <param name="root">The <c>--root</c> value, only when the user passed one.</param>
    public static string For(string image, string digest, string? root)
    {
        var text = $"ommx restore-ref {ShellQuote.Quote(image)} {ShellQuote.Quote(digest)}";
        return root is null ? text : text + " --root " + ShellQuote.Quote(root);
    }
}
