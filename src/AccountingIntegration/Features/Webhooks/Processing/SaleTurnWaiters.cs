using System.Collections.Concurrent;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// The payloads this instance sent back with <c>SALE_BUSY</c>, by the payload holding their sale's turn, so that the
/// holder's outcome (which releases the turn) makes them due at once instead of after
/// <see cref="PayloadProcessor.SaleBusyRetry"/>: an order's orders/create and orders/paid, taken up together, are then
/// booked one right after the other. Only this instance's, and nothing is stored: a holder that ends on another instance
/// leaves them to that retry.
/// </summary>
internal sealed class SaleTurnWaiters(TimeProvider time)
{
    /// <summary>Holders kept before those seen longer ago than <see cref="StaleAfter"/> are dropped (they ended elsewhere).</summary>
    private const int KeptHolders = 1_000;

    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Waiting> _byHolder = new(StringComparer.Ordinal);

    /// <summary>Remembers that <paramref name="waiter"/> waits for the turn <paramref name="holder"/> has.</summary>
    public void Add(string holder, string waiter)
    {
        var now = time.GetUtcNow();
        if (_byHolder.Count >= KeptHolders)
        {
            foreach (var (stale, _) in _byHolder.Where(entry => now - entry.Value.Since > StaleAfter))
            {
                _byHolder.TryRemove(stale, out _);
            }
        }

        _byHolder.AddOrUpdate(holder, _ => new Waiting([waiter], now), (_, waiting) => new Waiting([.. waiting.Payloads, waiter], now));
    }

    /// <summary>The payloads that waited for <paramref name="holder"/>'s turn, forgotten as they are handed out.</summary>
    public IReadOnlyList<string> Take(string holder) => _byHolder.TryRemove(holder, out var waiting) ? waiting.Payloads : [];

    private sealed record Waiting(IReadOnlyList<string> Payloads, DateTimeOffset Since);
}
