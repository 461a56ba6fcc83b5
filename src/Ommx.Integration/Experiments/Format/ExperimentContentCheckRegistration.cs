using System.Runtime.CompilerServices;
using Ommx.Integration.Registry.Archives;

namespace Ommx.Integration.Experiments.Format;

/// <summary>Hands the loader's checks to import (<see cref="ExperimentContentCheck"/>) when the assembly loads.</summary>
internal static class ExperimentContentCheckRegistration
{
#pragma warning disable CA2255 // Registering an internal rule of this assembly with itself; nothing observable outside it.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        ExperimentContentCheck.Current = (manifest, config, sizeOf, read) => ExperimentArtifactReader.Check(manifest, config, sizeOf, read);
}
