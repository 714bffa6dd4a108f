using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Books.Batching;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// Books a plan's documents in order, exactly once each: a document already linked in the ledger for this sale and
/// role is taken as booked (a redelivery, a replay, or a retry after a failed attempt); any other is created with a
/// requestid made from the payload and the document's role, so a retried create gets QBO's first answer, and with that
/// same value as a fingerprint in its PrivateNote, so a create whose answer was lost, or whose attempt died before
/// recording it, is found in QBO even after Intuit has forgotten the requestid. Every new document is linked in the
/// attempt's ledger, which is written with the attempt's outcome. Placeholders are filled in as each document goes out.
/// Creates go through <see cref="DocumentBatcher"/>, alone or in a batch with other payloads' documents for the same company;
/// a payload's own documents go one after another, so a payment never shares a batch with the invoice it pays.
/// </summary>
internal sealed class BookingExecutor(QboClient qbo, DocumentReferences references, DocumentBatcher documents)
{
    /// <summary>QBO's "Duplicate Document Number Error" as QBO answers it (REFERENCE §11: 6140; 6210 is documented for other faults too).</summary>
    private const string DuplicateDocNumber = "6140";

    public async Task<BookingResult> ExecuteAsync(BookingContext context, BookingPlan plan, CancellationToken cancellationToken)
    {
        var booked = new Dictionary<string, BookedDocument>(StringComparer.Ordinal);
        var results = new List<BookedDocument>();
        var notes = plan.Notes.ToList();
        var walk = new LedgerWalk(context.Ledger, context.OrganizationId, context.OwnerKeys, context.Event, notes);
        foreach (var planned in plan.Documents)
        {
            if (await walk.StepAsync(planned, cancellationToken) is not { } step)
            {
                continue;
            }

            var document = step.Document;
            if (step.BookedAs is { } existing)
            {
                var found = Found(document.Role, existing);
                if (context.Event.Edited && IsRevision(document, existing))
                {
                    found = await ReviseAsync(context, document, existing, booked, notes, cancellationToken) ?? found;
                }

                booked[document.Role] = found;
                results.Add(found);
                if (BookedFromLess(context, document, existing))
                {
                    notes.Add($"SALE_BOOKED_TWICE: {context.Event.Subject.Kind.Replace('_', ' ')} {context.Event.Subject.Id} is paid by a payment already booked as a sale "
                        + $"of its own ({existing.QboType} {existing.QboId}), which it was taken for, so its lines and tax are not in the books: "
                        + $"void {existing.QboType} {existing.QboId} and its payment in QBO, then replay this payload to book it.");
                }

                if (await walk.PaidSinceAsync(step, cancellationToken) is { } since && await BookPaidSinceAsync(context, since, booked, notes, cancellationToken) is { } paidSince)
                {
                    results.Add(paidSince);
                }

                continue;
            }

            var requestId = RequestId(context.PayloadId, document.Role);
            var result = document switch
            {
                { Target: { } target } => await UndoAsync(context, document, target, requestId, notes, cancellationToken),
                { Operation: DocumentOperation.Void } => await VoidAsync(context, document, requestId, cancellationToken),
                _ => await CreateAsync(context, document, booked, requestId, notes, cancellationToken),
            };
            if (result is null)
            {
                continue;
            }

            booked[document.Role] = result;
            results.Add(result);
        }

        return new BookingResult(results, notes);
    }

    private async Task<BookedDocument?> CreateAsync(BookingContext context, PlannedDocument document, Dictionary<string, BookedDocument> booked, string requestId,
        List<string> notes, CancellationToken cancellationToken)
    {
        var body = (JsonObject)document.Body.DeepClone();
        var customerId = await references.FillAsync(body, context, booked, cancellationToken);
        if (TaxedAtTheSalesAddress(context, document, body) && await references.SaleShipToAsync(context, booked, cancellationToken) is { } shipTo)
        {
            body["ShipAddr"] = shipTo;
        }

        if (document.Role == DocumentPlanner.SaleRole && context.SaleHeader is { } header)
        {
            SaleHeader.Apply(header, body);
        }

        if (document.CapToSaleBalance && !await CapToBalanceAsync(context, body, booked, notes, cancellationToken))
        {
            return null;
        }

        // The requestid is the fingerprint: one value per payload and role, the same on every attempt from any instance.
        DocumentFingerprint.Stamp(body, requestId);
        CreatedDocument sent;
        try
        {
            sent = await SendOrAdoptAsync(context, document.EntityType, body, requestId, requestId, context.Resumed, cancellationToken);
        }
        catch (QboApiException e) when (e.Code == DuplicateDocNumber && body.Remove("DocNumber"))
        {
            // Another store (or a manual entry) already used the order's number; the document still books, numbered
            // by QBO, with the vendor's number kept in its private note. The lookup before the first send found nothing.
            notes.Add($"DOC_NUMBER_TAKEN: QBO already has a {document.EntityType} numbered as this order; QBO numbered this one.");
            sent = await SendOrAdoptAsync(context, document.EntityType, body, requestId, requestId + "n", lookFirst: false, cancellationToken);
        }

        var created = sent.Document;
        var id = (string?)created["Id"] ?? throw new QboApiException(new QboFault(QboErrorKind.Server, 200, $"QBO created a {document.EntityType} without an Id."));
        if (sent.Adopted)
        {
            notes.Add($"FOUND_BY_FINGERPRINT: an earlier create of this {document.EntityType} reached QBO without an answer; {document.EntityType} {id} was taken, none created again.");
        }

        var total = Amount(created["TotalAmt"]);
        if (document.EntityType != "Payment" && total is { } qboTotal && qboTotal != document.Total)
        {
            // Never a silent difference: QBO computed another total than the vendor's (a tax rule the planner did not foresee).
            notes.Add($"TOTAL_DIFFERS: QBO's {document.EntityType} {id} comes to {qboTotal} but the source says {document.Total}.");
        }

        if (document.Tax is { } statedTax && Amount(created["TxnTaxDetail"]?["TotalTax"]) is { } qboTax && qboTax != statedTax)
        {
            // The total may still be the vendor's (a rounding line took up the cents), yet the tax owed is QBO's: say so.
            notes.Add($"TAX_DIFFERS: QBO's {document.EntityType} {id} carries {Show(qboTax)} of tax but the source says {Show(statedTax)}.");
        }

        var paid = document.EntityType == "SalesReceipt";
        context.Ledger.Link(new LedgerLink
        {
            OrganizationId = context.OrganizationId,
            SourceKey = context.OwnerKeys[0],
            Role = document.Role,
            QboType = document.EntityType,
            QboId = id,
            SyncToken = (string?)created["SyncToken"],
            CustomerId = customerId ?? (string?)created["CustomerRef"]?["value"],
            Total = total ?? document.Total,
            StatedTotal = document.Total,
            Currency = (string?)created["CurrencyRef"]?["value"] ?? context.Event.Sale?.Currency,
            Paid = paid,
            PayloadId = context.PayloadId,
        }, [.. context.LinkKeys, .. RefundNames(context, document)]);
        if (document.EntityType == "Payment" && booked.TryGetValue(DocumentPlanner.SaleRole, out var sale))
        {
            context.Ledger.MarkPaid(context.OrganizationId, sale.QboType, sale.QboId);
        }
        else if (document.EntityType == "Payment" && context.Sale is { } onRecord)
        {
            context.Ledger.MarkPaid(context.OrganizationId, onRecord.QboType, onRecord.QboId);
        }

        return new BookedDocument(document.Role, document.EntityType, id, total, AlreadyBooked: false);
    }

    /// <summary>
    /// The names of the refund a refund receipt or credit memo books (<see cref="SourceKeys.OfRefund"/>), which the sale's
    /// names need not include: a Stripe charge.refunded books the refunds it lists, or the one it reports, under the charge.
    /// A failure of that refund, told before it was booked, waits under them, and the sweep finds it booked by its own.
    /// </summary>
    private static IReadOnlyList<string> RefundNames(BookingContext context, PlannedDocument document) =>
        DocumentPlanner.RefundIdOf(document.Role) is { } refundId && context.Event.Refunds.FirstOrDefault(refund => refund.RefundId == refundId) is { } booked
            ? SourceKeys.OfRefund(context.SourceId, booked)
            : [];

    /// <summary>
    /// A sale that is the fuller record of its aliases (a Stripe invoice before API 2025-03-31, naming the payment intent
    /// and charge that paid it) found booked under one of them rather than its own name: the payment came first
    /// (payment_intent.succeeded without an invoice) and was booked as a one-line sale. From basil on, invoice_payment.paid
    /// voids such a sale (SaleNaming); here nothing pairs them later, so a person is asked to.
    /// </summary>
    private static bool BookedFromLess(BookingContext context, PlannedDocument document, LedgerLink existing) =>
        document.Role == DocumentPlanner.SaleRole && context.Event is { Meaning: EventMeaning.Sale, FullerThanItsAliases: true }
        && existing.SourceKey != context.OwnerKeys[0];

    /// <summary>
    /// A refund that gives tax back, or its money coming back (<see cref="DocumentPlanner.ReinstatedRole"/>), in a company with
    /// automated sales tax, stating no ship-to address of its own: it is taxed where its sale was (<see cref="DocumentReferences.SaleShipToAsync"/>).
    /// </summary>
    private static bool TaxedAtTheSalesAddress(BookingContext context, PlannedDocument document, JsonObject body) =>
        context.Regime.AutomatedSalesTax
        && (document.EntityType is "RefundReceipt" or "CreditMemo" || DocumentPlanner.ReinstatedIdOf(document.Role) is not null)
        && body["ShipAddr"] is null
        && Amount(body["TxnTaxDetail"]?["TotalTax"]) is { } tax && tax != 0m;

    /// <summary>
    /// The sale's invoice is booked and the vendor, saying the sale was edited (<see cref="SourceEvent.Edited"/>: Shopify's
    /// current totals), now states another total for it than it stated when the invoice was last written. The vendor's
    /// total is compared with the vendor's, not with QBO's: QBO's may differ by its own tax rounding, and an invoice so
    /// booked must not be revised to the same lines on every redelivery. Links from before the stated total was kept
    /// compare with QBO's. A sales receipt, a voided or drifted document, or a document of another type is left as it is.
    /// </summary>
    private static bool IsRevision(PlannedDocument document, LedgerLink existing) =>
        document.Role == DocumentPlanner.SaleRole && document.Operation == DocumentOperation.Create && document.EntityType == "Invoice"
        && existing.QboType == "Invoice" && existing.State == LedgerStates.Booked && (existing.StatedTotal ?? existing.Total) != document.Total;

    /// <summary>
    /// Revises the sale's invoice to the vendor's lines and total (a sparse update: the lines sent replace the old ones),
    /// and the ledger's total with it, so the change is not taken for someone's edit in QBO. An invoice already paid
    /// beyond the new total is left as it is, with a note: lowering it below what was applied is the refund's business.
    /// </summary>
    private async Task<BookedDocument?> ReviseAsync(BookingContext context, PlannedDocument document, LedgerLink existing, Dictionary<string, BookedDocument> booked,
        List<string> notes, CancellationToken cancellationToken)
    {
        var current = await qbo.ReadAsync(context.Credentials, existing.QboType, existing.QboId, cancellationToken);
        if (current is null)
        {
            return null;
        }

        var applied = (Amount(current["TotalAmt"]) ?? 0m) - (Amount(current["Balance"]) ?? 0m);
        if (document.Total < applied)
        {
            notes.Add($"TOTAL_CHANGED: the sale now comes to {Show(document.Total)}, but {Show(applied)} is already applied to invoice {existing.QboId}; it was left at {Show(existing.Total)}.");
            return null;
        }

        var body = (JsonObject)document.Body.DeepClone();
        await references.FillAsync(body, context, booked, cancellationToken);
        var update = new JsonObject
        {
            ["Id"] = existing.QboId,
            ["SyncToken"] = (string?)current["SyncToken"] ?? "0",
            ["CustomerRef"] = current["CustomerRef"]?.DeepClone(),
            ["Line"] = body["Line"]?.DeepClone(),
        };
        foreach (var field in new[] { "TxnTaxDetail", "GlobalTaxCalculation" })
        {
            if (body[field] is { } value)
            {
                update[field] = value.DeepClone();
            }
        }

        var revised = await qbo.UpdateAsync(context.Credentials, existing.QboType, update,
            RequestId(context.PayloadId, $"{DocumentPlanner.SaleRole}@{Show(document.Total)}"), cancellationToken);
        var total = Amount(revised["TotalAmt"]) ?? document.Total;
        context.Ledger.Revise(context.OrganizationId, existing.QboType, existing.QboId, total, document.Total, (string?)revised["SyncToken"]);
        notes.Add($"TOTAL_CHANGED: invoice {existing.QboId} was revised from {Show(existing.Total)} to {Show(total)}, as the sale now stands.");
        return new BookedDocument(document.Role, existing.QboType, existing.QboId, total, AlreadyBooked: true);
    }

    private static string Show(decimal amount) => SalePayments.Show(amount);

    /// <summary>
    /// What was paid since the sale's payment was booked (<see cref="LedgerWalk.PaidSinceAsync"/>): found booked by an
    /// earlier delivery, or a payment of it applied to the invoice now. Without it the invoice stayed open for the rest.
    /// </summary>
    private async Task<BookedDocument?> BookPaidSinceAsync(BookingContext context, LedgerStep since, Dictionary<string, BookedDocument> booked, List<string> notes,
        CancellationToken cancellationToken)
    {
        var document = since.Document;
        if (since.BookedAs is { } existing)
        {
            return Found(document.Role, existing);
        }

        var created = await CreateAsync(context, document, booked, RequestId(context.PayloadId, document.Role), notes, cancellationToken);
        if (created is not null)
        {
            notes.Add($"PAID_SINCE: {Show(created.TotalAmt ?? document.Total)} was paid since the sale was booked; a payment of it was applied to the invoice.");
        }

        return created;
    }

    private static BookedDocument Found(string role, LedgerLink existing) => new(role, existing.QboType, existing.QboId, existing.Total, AlreadyBooked: true);

    private Task<CreatedDocument> SendOrAdoptAsync(BookingContext context, string entityType, JsonObject body, string fingerprint, string requestId, bool lookFirst,
        CancellationToken cancellationToken) =>
        documents.CreateAsync(new DocumentCreate(context.OrganizationId, context.Credentials, context.PayloadId, entityType, body, fingerprint, requestId,
            context.PayloadReceivedAt), lookFirst, cancellationToken);

    /// <summary>Voids the sale's document (read first for its SyncToken); a document already voided stays as it is.</summary>
    private async Task<BookedDocument?> VoidAsync(BookingContext context, PlannedDocument document, string requestId, CancellationToken cancellationToken)
    {
        var sale = context.Sale ?? throw new InvalidOperationException("A void needs the sale's document.");
        var current = await qbo.ReadAsync(context.Credentials, sale.QboType, sale.QboId, cancellationToken);
        if (current is null)
        {
            return null;
        }

        var voided = await qbo.VoidAsync(context.Credentials, sale.QboType, sale.QboId, (string?)current["SyncToken"] ?? "0", requestId, cancellationToken);
        Record(context, document.Role, sale.QboType, sale.QboId, (string?)voided["SyncToken"], sale.CustomerId, LedgerStates.Voided);
        return new BookedDocument(document.Role, sale.QboType, sale.QboId, Amount(voided["TotalAmt"]), AlreadyBooked: false);
    }

    /// <summary>
    /// Takes back a document booked for a refund that did not go through or a credit since voided: voided (a payment, an
    /// invoice) or deleted (a refund receipt or credit memo, which QBO cannot void), read first for its SyncToken. Its links take the new state, and the taking
    /// back is linked under its own role, so a redelivery finds it done. A document already gone from QBO (deleted there,
    /// or by an attempt whose outcome was lost) is recorded as deleted: either way it no longer counts.
    /// </summary>
    private async Task<BookedDocument> UndoAsync(BookingContext context, PlannedDocument document, DocumentOnRecord target, string requestId, List<string> notes,
        CancellationToken cancellationToken)
    {
        var current = await qbo.ReadAsync(context.Credentials, target.EntityType, target.Id, cancellationToken);
        string state;
        string? syncToken = null;
        if (current is null)
        {
            notes.Add($"{target.EntityType} {target.Id} is no longer in QBO; there was nothing left to take back.");
            state = LedgerStates.Deleted;
        }
        else if (document.Operation == DocumentOperation.Void)
        {
            var voided = await qbo.VoidAsync(context.Credentials, target.EntityType, target.Id, (string?)current["SyncToken"] ?? "0", requestId, cancellationToken);
            syncToken = (string?)voided["SyncToken"];
            state = LedgerStates.Voided;
        }
        else
        {
            await qbo.DeleteAsync(context.Credentials, target.EntityType, target.Id, (string?)current["SyncToken"] ?? "0", requestId, cancellationToken);
            state = LedgerStates.Deleted;
        }

        Record(context, document.Role, target.EntityType, target.Id, syncToken, (string?)current?["CustomerRef"]?["value"], state);
        return new BookedDocument(document.Role, target.EntityType, target.Id, 0m, AlreadyBooked: false);
    }

    /// <summary>
    /// A document this attempt voided or deleted: its links take the new <paramref name="state"/>, and the change is linked
    /// under its own <paramref name="role"/>, so a redelivery finds it done.
    /// </summary>
    private static void Record(BookingContext context, string role, string entityType, string id, string? syncToken, string? customerId, string state)
    {
        context.Ledger.MarkState(context.OrganizationId, entityType, id, state, syncToken);
        context.Ledger.Link(new LedgerLink
        {
            OrganizationId = context.OrganizationId,
            SourceKey = context.OwnerKeys[0],
            Role = role,
            QboType = entityType,
            QboId = id,
            SyncToken = syncToken,
            CustomerId = customerId,
            Total = 0m,
            State = state,
            PayloadId = context.PayloadId,
        }, context.LinkKeys);
    }

    /// <summary>
    /// A payment or credit application takes no more than the sale invoice still owes (a sale paid in the meantime
    /// owes nothing, and QBO refuses to over-apply); nothing owed, nothing to book.
    /// </summary>
    private async Task<bool> CapToBalanceAsync(BookingContext context, JsonObject body, Dictionary<string, BookedDocument> booked, List<string> notes,
        CancellationToken cancellationToken)
    {
        var saleId = booked.TryGetValue(DocumentPlanner.SaleRole, out var sale) ? sale.QboId : context.Sale?.QboId;
        if (saleId is null)
        {
            return true;
        }

        var invoice = await qbo.ReadAsync(context.Credentials, "Invoice", saleId, cancellationToken);
        var balance = Amount(invoice?["Balance"]) ?? 0m;
        if (balance <= 0m)
        {
            notes.Add($"Invoice {saleId} owes nothing any more; no payment or credit was applied to it.");
            return false;
        }

        foreach (var line in (body["Line"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Amount(line["Amount"]) is { } amount && amount > balance)
            {
                line["Amount"] = balance;
            }
        }

        if (Amount(body["TotalAmt"]) is { } totalAmt && totalAmt > balance)
        {
            body["TotalAmt"] = balance;
        }

        return true;
    }

    /// <summary>
    /// QBO's requestid (at most 50 characters, REFERENCE §2.4) for one document of one payload: the same on every attempt
    /// from any instance, so a create retried after a lost answer gets QBO's first answer; distinct per role, so the
    /// documents of one event (a sale and its refund) never share one.
    /// </summary>
    internal static string RequestId(string payloadId, string role) =>
        $"{payloadId}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(role)))[..12]}";

    private static decimal? Amount(JsonNode? node) => node is JsonValue value && value.TryGetValue<decimal>(out var amount) ? amount : null;
}
