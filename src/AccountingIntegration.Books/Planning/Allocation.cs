namespace AccountingIntegration.Books;

/// <summary>
/// Splits an amount across weights to the currency's minor unit (the cent; the whole yen), the rounding remainder going
/// to the largest parts first, so the parts always add up.
/// </summary>
internal static class Allocation
{
    public static decimal[] Split(decimal amount, IReadOnlyList<decimal> weights, string currency)
    {
        var parts = new decimal[weights.Count];
        var total = weights.Sum();
        if (amount == 0 || total == 0)
        {
            return parts;
        }

        var unit = Money.FromMinorUnits(1, currency);
        for (var i = 0; i < weights.Count; i++)
        {
            parts[i] = Math.Truncate(amount * weights[i] / total / unit) * unit;
        }

        var left = amount - parts.Sum();
        var step = left > 0 ? unit : -unit;
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => Math.Abs(weights[i])))
        {
            if (left == 0)
            {
                break;
            }

            parts[i] += step;
            left -= step;
        }

        return parts;
    }
}
