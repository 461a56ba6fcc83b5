using System.Text.Json;

namespace Ommx.Integration.Distribution;

/// <summary>One page of <c>GET /v2/&lt;repo&gt;/tags/list</c>: <c>{"name": "…", "tags": ["…", …]}</c> (<c>tags</c> may be <c>null</c>).</summary>
internal static class TagListPage
{
    public static IReadOnlyList<string> Parse(byte[] body, string host, string repository)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("tags", out var tags) || tags.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            if (tags.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(host, repository, "\"tags\" is not an array");
            }

            var names = new List<string>();
            foreach (var tag in tags.EnumerateArray())
            {
                if (tag.ValueKind != JsonValueKind.String || !Oci.ImageReference.TryParse($"{host}/{repository}:{tag.GetString()}", out _))
                {
                    throw Invalid(host, repository, $"{RegistryText.Printable(tag.ToString())} is not a valid tag");
                }

                names.Add(tag.GetString()!);
            }

            return names;
        }
        catch (JsonException e)
        {
            throw Invalid(host, repository, "the body is not JSON: " + RegistryText.Printable(e.Message));
        }
    }

    private static RegistryException Invalid(string host, string repository, string why) =>
        new(RegistryErrorKind.Protocol, $"Registry {host} answered the tag list of {repository} with something else: {why}");
}
