using System.Text.Json;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Testing.Sessions;

/// <summary>
/// Session files under <c>&lt;root&gt;/.ommx-integration/sessions/</c>, outside OMMX's layout:
/// <c>&lt;id&gt;.json</c> written by the build when it opens a session, <c>&lt;id&gt;.host.json</c> written by
/// the test host when it reaches the end of the assembly, <c>&lt;id&gt;.failed.json</c> written when settling it
/// failed (so it is reported once, then left to <c>ommx doctor</c>), <c>&lt;id&gt;.lock</c> held while a session is settled.
/// Writes go to a temp file and are renamed into place, so a reader sees a whole file or none.
/// </summary>
internal sealed class TestRunSessionFiles(string registryRoot)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Directory { get; } = Path.Combine(IntegrationDirectory.PathFor(registryRoot), "sessions");

    public void WriteSession(TestRunSession session) => WriteAtomically(SessionPath(session.Id), session);

    public void WriteHostReport(string id, TestHostReport report) => WriteAtomically(HostReportPath(id), report);

    public TestRunSession? ReadSession(string id) => Read<TestRunSession>(SessionPath(id));

    public TestHostReport? ReadHostReport(string id) => Read<TestHostReport>(HostReportPath(id));

    public void WriteFailure(string id, TestRunSessionFailure failure) => WriteAtomically(FailurePath(id), failure);

    public TestRunSessionFailure? ReadFailure(string id) => Read<TestRunSessionFailure>(FailurePath(id));

    /// <summary>The files a session left, with their sizes (what a repair that removes it lists).</summary>
    public IReadOnlyList<string> FilesOf(string id) =>
        new[] { SessionPath(id), HostReportPath(id), FailurePath(id) }.Where(File.Exists).ToList();

    public IEnumerable<string> SessionIds() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, "*.json")
                .Select(Path.GetFileName)
                .Where(f => f is not null && !f.EndsWith(".host.json", StringComparison.Ordinal) && !f.EndsWith(".failed.json", StringComparison.Ordinal))
                .Select(f => f![..^".json".Length])
                .ToList()
            : [];

    public FileLock? TryLock(string id)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return FileLock.TryAcquire(Path.Combine(Directory, id + ".lock"));
    }

    public void Delete(string id)
    {
        File.Delete(HostReportPath(id));
        File.Delete(FailurePath(id));
        File.Delete(SessionPath(id));
        File.Delete(Path.Combine(Directory, id + ".lock"));
    }

    private string SessionPath(string id) => Path.Combine(Directory, CheckId(id) + ".json");

    private string HostReportPath(string id) => Path.Combine(Directory, CheckId(id) + ".host.json");

    private string FailurePath(string id) => Path.Combine(Directory, CheckId(id) + ".failed.json");

    private static string CheckId(string id) =>
        id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit)
            ? id
            : throw new OmmxException($"Invalid test session id {Oci.InvalidImageReferenceException.DebugQuote(id)}: expected letters and digits only");

    private void WriteAtomically<T>(string path, T value)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, value, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static T? Read<T>(string path)
        where T : class
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw new OmmxException($"Test session file {path} is unreadable: {e.Message}", e);
        }
    }
}
