using AccountingIntegration.Books;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// Links a booked sale under the other names an event gives it (<see cref="SourceEvent.OnlyNamesTheSale"/>): every
/// document booked under the sale's name is linked under them too, as if the sale's own event had named them, so that a
/// refund or dispute naming the sale so finds it. A sale not booked yet is waited for like any later event's. A name
/// already linked keeps its document; one that is another sale's is noted, since the same money was then booked twice.
/// </summary>
internal sealed class SaleNaming(ISaleTurns turns)
{
    public async Task<EventBookingOutcome> LinkAsync(EventBookingRequest request, CancellationToken cancellationToken)
    {
        var sourceEvent = request.Event;
        var organizationId = request.Organization.OrganizationId;
        var original = sourceEvent.Original ?? throw new InvalidOperationException("An event that only names a sale must say which sale (Original).");
        var saleKey = SourceKeys.Of(request.SourceId, original);
        // Every document booked under the sale's name, the sale's own among them: one read finds the sale and what to link.
        var documents = await request.Ledger.ListCommittedAsync(organizationId, saleKey, cancellationToken);
        if (documents.FirstOrDefault(document => document.Role == DocumentPlanner.SaleRole) is not { } sale)
        {
            return EventBookingOutcome.WaitingForSale($"It gives {original.Kind} {original.Id} other names, and that sale is not booked yet.", [saleKey],
                "there is nothing to link; if it is booked later, it is linked then");
        }

        var names = sourceEvent.Aliases.Select(alias => SourceKeys.Of(request.SourceId, alias)).ToList();
        if (await turns.TakeAsync(organizationId, request.PayloadId, [saleKey, .. names, SaleTurnNames.Document(sale.QboType, sale.QboId)], cancellationToken) is { } holder)
        {
            return EventBookingOutcome.SaleBusy(holder);
        }

        var notes = new List<string>();
        foreach (var (alias, name) in sourceEvent.Aliases.Zip(names))
        {
            if (await request.Ledger.FindAsync(organizationId, [name], DocumentPlanner.SaleRole, cancellationToken) is { } other
                && (other.QboType, other.QboId) != (sale.QboType, sale.QboId))
            {
                notes.Add($"SALE_BOOKED_TWICE: {alias.Kind} {alias.Id} was booked as a sale of its own ({other.QboType} {other.QboId}), yet it pays "
                    + $"{original.Kind} {original.Id}, booked as {sale.QboType} {sale.QboId}: the same money is in the books twice; void one of them in QBO.");
            }
        }

        foreach (var document in documents)
        {
            request.Ledger.Link(document, names);
        }

        var reason = $"Nothing to book: {sourceEvent.IgnoredBecause}. {sale.QboType} {sale.QboId} is linked under them.";
        return EventBookingOutcome.Linked(string.Join(" ", [reason, .. notes]), names);
    }
}
