namespace Ommx.Integration.Tests.Architecture;

/// <summary>
/// Dependencies inside the core point one way (<see cref="CoreLayers"/>): no folder uses a folder above it, so
/// the folders form no cycle. Checked on the compiled core, every type reference its IL and metadata hold.
/// </summary>
public sealed class NamespaceLayeringTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Dependencies =
        TypeDependencyScanner.Scan(typeof(OmmxException).Assembly.Location);

    [Fact]
    public void No_core_folder_uses_a_folder_above_it()
    {
        var violations = new List<string>();
        foreach (var (from, targets) in Dependencies)
        {
            if (CoreLayers.Of(NamespaceOf(from)) is not { } layer)
            {
                continue;
            }

            var allowed = CoreLayers.Reachable(layer);
            foreach (var to in targets)
            {
                if (CoreLayers.Of(NamespaceOf(to)) is { } target && !allowed.Contains(target.Namespace) && !layer.Vocabulary.Contains(to))
                {
                    violations.Add($"{Short(layer.Namespace)} -> {Short(target.Namespace)}: {from} uses {to}");
                }
            }
        }

        violations.Sort(StringComparer.Ordinal);
        Assert.True(violations.Count == 0, $"{violations.Count} references point up the layers (see CoreLayers):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_core_namespace_has_a_layer()
    {
        var unplaced = Dependencies.Keys.Select(NamespaceOf)
            .Where(ns => ns == CoreLayers.Root || ns.StartsWith(CoreLayers.Root + ".", StringComparison.Ordinal))
            .Where(ns => CoreLayers.Of(ns) is null)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(unplaced.Count == 0, "Namespaces with no place in CoreLayers: " + string.Join(", ", unplaced));
    }

    [Fact]
    public void Scanner_sees_references_from_method_bodies_and_signatures()
    {
        // Guards the check above against passing because the scan found nothing.
        Assert.Contains("Ommx.Integration.Registry.LocalRegistry", Dependencies["Ommx.Integration.Experiments.Experiment"]);
        Assert.Contains("Ommx.Integration.Oci.Digest", Dependencies["Ommx.Integration.Registry.BlobStore"]);
        Assert.Contains("Ommx.Integration.Model.Instance", Dependencies["Ommx.Integration.Adapters.AdapterCapabilities"].Concat(Dependencies.Where(kv => kv.Key.StartsWith("Ommx.Integration.Adapters.", StringComparison.Ordinal)).SelectMany(kv => kv.Value)));
    }

    [Fact]
    public void Layer_table_is_consistent()
    {
        foreach (var layer in CoreLayers.All)
        {
            foreach (var used in layer.MayUse)
            {
                // Each layer may only name layers listed before it: the table is bottom-up, hence acyclic.
                Assert.True(
                    CoreLayers.All.TakeWhile(l => l != layer).Any(l => l.Namespace == used),
                    $"{layer.Namespace} may use {used}, which is not listed below it");
            }
        }
    }

    private static string NamespaceOf(string fullName)
    {
        var dot = fullName.LastIndexOf('.');
        return dot < 0 ? string.Empty : fullName[..dot];
    }

    private static string Short(string ns) => ns == CoreLayers.Root ? "(root)" : ns[(CoreLayers.Root.Length + 1)..];
}
