namespace AccountingIntegration.Tests.TestSupport;

/// <summary>Polls a condition with a deadline, for work that completes in the background (batched writers).</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Returns the first value that satisfies <paramref name="done"/>; fails the test at the deadline.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The condition was not met within {(timeout ?? DefaultTimeout).TotalSeconds} s; last value: {value}.");
            }

            await Task.Delay(25);
        }
    }
}
