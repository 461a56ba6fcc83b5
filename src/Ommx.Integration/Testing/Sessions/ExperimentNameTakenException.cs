namespace Ommx.Integration.Testing.Sessions;

/// <summary>An explicit experiment name already points at an Experiment (OMMX never moves a committed ref), or another live test run is using it.</summary>
internal sealed class ExperimentNameTakenException(string message) : OmmxException(message);
