using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// Links a booked sale under the other names an event gives it (<see cref="SourceEvent.OnlyNamesTheSale"/>): every
/// document booked under the sale's name is linked under them too, as if the sale's own event had named them, so that a
/// refund or dispute naming the sale so finds it. A sale not booked yet is waited for like any later event's. A name
/// already linked keeps its document, except one that is another sale's: the same money was then booked twice (a Stripe
/// payment intent an integration attached to an invoice, booked as a sale of its own before the invoice payment paired
/// them), and that sale is voided, when nothing else was booked against it and it is not deposited, so the invoice holds it.
/// </summary>
internal sealed class SaleNaming(ISaleTurns turns, QboClient qbo)
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
                var twice = $"SALE_BOOKED_TWICE: {alias.Kind} {alias.Id} was booked as a sale of its own ({other.QboType} {other.QboId}), yet it pays "
                    + $"{original.Kind} {original.Id}, booked as {sale.QboType} {sale.QboId}";
                notes.Add(await VoidedAsync(request, name, cancellationToken) is { } voided
                    ? $"{twice}: {voided} voided, so the money is in the books once."
                    : $"{twice}: the same money is in the books twice, and something was booked against it since or it was deposited; void one of them in QBO.");
            }
        }

        foreach (var document in documents)
        {
            request.Ledger.Link(document, names);
        }

        var reason = $"Nothing to book: {sourceEvent.IgnoredBecause}. {sale.QboType} {sale.QboId} is linked under them.";
        return EventBookingOutcome.Linked(string.Join(" ", [reason, .. notes]), names);
    }

    /// <summary>
    /// Voids the sale booked under <paramref name="name"/> of its own, and its payment, and moves their links aside so that the
    /// name can be linked to the sale the money belongs to. Only a sale with nothing booked against it since (its own
    /// payment aside) and not deposited: a refund of it, or a bank deposit holding its payment, is left for a person.
    /// What was voided, in words; null when nothing was.
    /// </summary>
    private async Task<string?> VoidedAsync(EventBookingRequest request, string name, CancellationToken cancellationToken)
    {
        var organizationId = request.Organization.OrganizationId;
        var own = await request.Ledger.ListCommittedAsync(organizationId, name, cancellationToken);
        if (own.Any(document => document.Role is not (DocumentPlanner.SaleRole or DocumentPlanner.PaymentRole) || document.State != LedgerStates.Booked))
        {
            return null;
        }

        // The payment first: voided, it leaves the invoice open, which is then voided too. Each is read just before its own
        // void, since voiding the payment gives the invoice a new SyncToken. Only what comes first can be in a bank deposit
        // (the payment, or a sales receipt, which has none), so a deposit is found before anything is voided.
        var voided = new List<string>();
        foreach (var link in own.OrderBy(document => document.Role == DocumentPlanner.SaleRole))
        {
            if (await qbo.ReadAsync(request.Credentials, link.QboType, link.QboId, cancellationToken) is not { } document)
            {
                continue;
            }

            if (IsDeposited(document))
            {
                return null;
            }

            var after = await qbo.VoidAsync(request.Credentials, link.QboType, link.QboId, (string?)document["SyncToken"] ?? "0",
                BookingExecutor.RequestId(request.PayloadId, $"void:{link.QboType}:{link.QboId}"), cancellationToken);
            request.Ledger.MarkState(organizationId, link.QboType, link.QboId, LedgerStates.Voided, (string?)after["SyncToken"]);
            request.Ledger.Supersede(organizationId, link.QboType, link.QboId, link.Role);
            voided.Add($"{link.QboType} {link.QboId}");
        }

        return voided.Count == 0 ? null : string.Join(" and ", voided);
    }

    /// <summary>A payment or sales receipt taken into a bank deposit (QBO links the deposit to it).</summary>
    private static bool IsDeposited(JsonObject document) =>
        document["LinkedTxn"] is JsonArray linked && linked.Any(txn => (string?)txn?["TxnType"] == "Deposit");
}
