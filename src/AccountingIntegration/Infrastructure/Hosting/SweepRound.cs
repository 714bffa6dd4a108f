namespace AccountingIntegration.Infrastructure.Hosting;

/// <summary>
/// A sweep's round over many organizations or connections. One that fails (a lock it cannot get, a row the database
/// refuses) must not stop those after it: in id order, they would wait for the next round, and for good while that
/// failure lasts.
/// </summary>
internal static class SweepRound
{
    /// <summary>
    /// Runs <paramref name="each"/> for every item, whatever the ones before it did. When any failed, throws at the end
    /// a <see cref="SweepRoundException"/> saying how many, with the first failure inside, for the sweep's own log.
    /// </summary>
    /// <param name="items">The round's organizations or connections.</param>
    /// <param name="what">What an item is, in the plural, for the message: "organizations".</param>
    /// <param name="each">The work for one item.</param>
    /// <param name="cancellationToken">Once it is cancelled, a failure ends the round at once: the service is stopping.</param>
    public static async Task EachAsync<T>(IEnumerable<T> items, string what, Func<T, Task> each, CancellationToken cancellationToken)
    {
        var (failed, first) = (0, (Exception?)null);
        foreach (var item in items)
        {
            try
            {
                await each(item);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                (failed, first) = (failed + 1, first ?? e);
            }
        }

        if (first is not null)
        {
            throw new SweepRoundException($"The round failed for {failed} {what}; the others were done. The first failure is attached.", first);
        }
    }
}

/// <summary>Some items of a sweep's round failed; the rest were done.</summary>
internal sealed class SweepRoundException(string message, Exception first) : Exception(message, first);
