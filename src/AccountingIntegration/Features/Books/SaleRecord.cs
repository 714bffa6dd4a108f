using AccountingIntegration.Books;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// The booked sale a later event is planned against (<see cref="SaleOnRecord"/>): its QBO document and totals from the
/// ledger and, for a refund that states only its amount, the sale as its vendor stated it and the refunds booked before.
/// </summary>
internal static class SaleRecord
{
    public static async Task<SaleOnRecord> ReadAsync(EventBookingRequest request, LedgerLink sale, CancellationToken cancellationToken) =>
        new(sale.QboType, sale.QboId, sale.Total, sale.Paid, sale.Currency)
        {
            Stated = await StatedAsync(request, sale, cancellationToken),
            RefundedBefore = await RefundedBeforeAsync(request, sale, cancellationToken),
        };

    /// <summary>
    /// The sale as its vendor stated it, for a refund that says nothing but its amount and did not bring its sale along
    /// (Stripe's, PayPal's, Square's): its share of the sale's lines and tax is then what goes back.
    /// </summary>
    private static async Task<Sale?> StatedAsync(EventBookingRequest request, LedgerLink sale, CancellationToken cancellationToken) =>
        request is { Event: { Meaning: EventMeaning.Refund, Sale: null } refund, StatedSale: { } read }
        && refund.Refunds.Any(r => r.StatesOnlyItsAmount)
            ? await read(sale, cancellationToken)
            : null;

    /// <summary>
    /// For a refund that states only its amount: the refunds booked against the sale before (the documents linked under its
    /// name as <c>refund:{id}</c> or <c>credit:{id}</c>, and not since voided or deleted in QBO), each with the amount it gave back.
    /// </summary>
    private static async Task<IReadOnlyList<RefundInfo>> RefundedBeforeAsync(EventBookingRequest request, LedgerLink sale, CancellationToken cancellationToken)
    {
        if (request.Event is not { Meaning: EventMeaning.Refund } refund || !refund.Refunds.Any(r => r.StatesOnlyItsAmount))
        {
            return [];
        }

        var booked = await request.Ledger.ListCommittedAsync(request.Organization.OrganizationId, sale.SourceKey, cancellationToken);
        return [.. booked
            .Where(link => link.State is LedgerStates.Booked or LedgerStates.Drifted)
            .Select(link => (Link: link, Id: RefundIdOf(link.Role)))
            .Where(pair => pair.Id is not null)
            .DistinctBy(pair => pair.Id)
            .Select(pair => new RefundInfo
            {
                RefundId = pair.Id!,
                Amount = pair.Link.StatedTotal ?? pair.Link.Total,
                Currency = pair.Link.Currency ?? sale.Currency ?? string.Empty,
                Date = DateOnly.FromDateTime(pair.Link.CreatedAt),
            })];
    }

    /// <summary>The refund id of a refund receipt's or credit memo's role; null for any other role.</summary>
    private static string? RefundIdOf(string role) =>
        role.StartsWith("refund:", StringComparison.Ordinal) ? role["refund:".Length..]
        : role.StartsWith("credit:", StringComparison.Ordinal) ? role["credit:".Length..]
        : null;
}
