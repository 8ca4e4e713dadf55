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

    /// <summary>Asks until the answer is not null, with one deadline for every asking.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> ask, TimeSpan timeout)
        where T : class
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (await ask().WaitAsync(deadline.Token) is { } value)
            {
                return value;
            }

            await Task.Delay(10, deadline.Token);
        }
    }
}
