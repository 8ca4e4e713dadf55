using System.Runtime.CompilerServices;

namespace TypedSocketIO.Tests.Infrastructure;

internal static class TestAssemblySetup
{
    /// <summary>
    /// The servers under test share the thread pool with xunit and the blocking parts of the
    /// third-party client. On two cores the pool grows slowly, and a heartbeat of 300 ms
    /// (the compliance suite's) cannot wait for it: start with enough threads.
    /// </summary>
    [ModuleInitializer]
    internal static void GiveTheThreadPoolRoom() => ThreadPool.SetMinThreads(64, 64);
}
