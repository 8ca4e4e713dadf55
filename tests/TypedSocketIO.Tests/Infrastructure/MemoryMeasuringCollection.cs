namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>
/// Tests that measure the process's live memory: they force full collections and count every
/// byte in the process, so they run alone, after the parallel tests, with no other server's
/// traffic in the measurement.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuringCollection
{
    public const string Name = "Memory measuring";
}
