namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>Waits for a condition that another thread makes true, checking it often, with a deadline.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"The condition did not become true within {timeout}.");
            }

            await Task.Delay(10);
        }
    }
}
