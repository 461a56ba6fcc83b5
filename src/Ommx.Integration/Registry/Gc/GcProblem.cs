namespace Ommx.Integration.Registry.Gc;

/// <summary>
/// Something GC found wrong but stepped around (OMMX's GC would fail outright): a ref row whose digest
/// does not parse, a blob file named in upper-case hex, a blob path that is not a regular file.
/// </summary>
internal sealed record GcProblem(string Subject, string Message);
