namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// Smooth weighted round-robin over the kinds of traffic that have callers waiting: of every ten permits handed out
/// while all wait, documents get four, references three, the proxy two and backfills one; a kind with no one waiting
/// leaves its share to the others. Not thread-safe: the realm's lock guards it.
/// </summary>
internal sealed class QboTrafficShares
{
    private static readonly int[] Weights = [4, 3, 2, 1];

    private readonly int[] _current = new int[Weights.Length];

    /// <summary>The next kind to serve among those <paramref name="waiting"/> says have callers; null when none has.</summary>
    public QboTraffic? Next(Func<QboTraffic, bool> waiting)
    {
        var total = 0;
        var best = -1;
        for (var i = 0; i < Weights.Length; i++)
        {
            if (!waiting((QboTraffic)i))
            {
                continue;
            }

            _current[i] += Weights[i];
            total += Weights[i];
            if (best < 0 || _current[i] > _current[best])
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return null;
        }

        _current[best] -= total;
        return (QboTraffic)best;
    }
}
