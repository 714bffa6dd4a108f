namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// The one poll-until helper: reads until a condition holds, for work that completes in the
/// background (workers, batched writers). Between reads it lets the world move on: a short real
/// pause, then <c>betweenReads</c> (a <see cref="TimePump"/> advancing a fake clock, say). Fails the
/// test at a real-time deadline, so a broken build cannot hang the run.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Returns the first value that satisfies <paramref name="done"/>; fails the test at the deadline. <paramref name="pause"/>
    /// spaces the reads out where each is a request the service counts against its rate limits (a metrics scrape).
    /// </summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, Action? betweenReads = null, TimeSpan? pause = null)
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

            await Task.Delay(pause ?? Pause);
            betweenReads?.Invoke();
        }
    }
}
