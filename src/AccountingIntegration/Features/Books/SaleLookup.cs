using AccountingIntegration.Books;

namespace AccountingIntegration.Features.Books;

/// <summary>Finds, in the ledger, the sale a payment, refund or cancellation belongs to, and the names its documents are linked under.</summary>
internal sealed class SaleLookup(LedgerStore ledger)
{
    /// <summary>
    /// For a sale: no sale yet, and its own names; for a later event: its sale (null when not booked) and the sale's names
    /// first. Within an attempt, a sale it booked itself (a refund that brought its order along) counts as booked.
    /// </summary>
    public async Task<(LedgerLink? Sale, IReadOnlyList<string> OwnerKeys)> FindAsync(string organizationId, string sourceId, SourceEvent sourceEvent,
        AttemptLedger? attempt, CancellationToken cancellationToken)
    {
        if (sourceEvent.Meaning == EventMeaning.Sale)
        {
            return (null, SourceKeys.ForSale(sourceId, sourceEvent));
        }

        var lookup = SourceKeys.ForOriginal(sourceId, sourceEvent);
        var sale = await (attempt ?? ledger.ForAttempt()).FindAsync(organizationId, lookup, DocumentPlanner.SaleRole, cancellationToken);
        return (sale, sale is null ? lookup : [sale.SourceKey, .. lookup.Where(key => key != sale.SourceKey)]);
    }

    /// <summary>The sale a refund brings along (the order as it now stands), as a sale event of its original.</summary>
    public static SourceEvent SaleBroughtBy(SourceEvent refund) => refund with
    {
        Meaning = EventMeaning.Sale,
        Subject = refund.Original ?? refund.Subject,
        Original = null,
        Aliases = [],
        Refunds = [],
    };

    /// <summary>Why a later event cannot be booked yet.</summary>
    public static string WaitingReason(SourceEvent sourceEvent)
    {
        var original = sourceEvent.Original ?? sourceEvent.Subject;
        return $"The {sourceEvent.Meaning.ToString().ToLowerInvariant()} belongs to {original.Kind} {original.Id}, whose sale is not booked yet.";
    }
}
