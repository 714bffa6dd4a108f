using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// What a vendor event would book, writing nothing to QBO: the adapter's reading, the action the layers choose, the
/// sale it belongs to (read from the ledger and the payload that booked it as booking reads it, <see cref="SaleRecord"/>),
/// and every planned document with its links and the totals check. The company's
/// regime is the one last read for the organization, or read now (a few metered reads, then kept for
/// <see cref="CompanyRegimes.FreshFor"/>) when the organization is connected and none is known, so a Canadian or UK
/// company is previewed as itself before its first booking. Without a usable connection a US company without sales
/// tax is assumed, and the answer says which.
/// </summary>
internal sealed class BookingPreview(SaleLookup sales, LedgerStore ledger, IStatedSales statedSales, CompanyRegimes regimes, TokenManager tokens, TimeProvider time, ILogger<BookingPreview> logger)
{
    private static readonly CompanyRegime Assumed = new() { Country = "US", HomeCurrency = "USD" };

    public async Task<BookingPreviewResult> PreviewAsync(Organization organization, string sourceId, IVendorAdapter adapter, string? eventType,
        IReadOnlyDictionary<string, string> headers, JsonElement payload, MergedMapping? mapping, CancellationToken cancellationToken)
    {
        eventType ??= adapter.EventType(headers, payload);
        var read = adapter.Read(eventType ?? string.Empty, payload);
        var regime = await RegimeAsync(organization.OrganizationId, cancellationToken);
        if (read.Event is not { } sourceEvent)
        {
            return BookingPreviewResult.Of(eventType, null, "invalid", null, regime) with { Problems = read.Problems };
        }

        if (EventActionChoice.For(mapping, eventType, sourceEvent.Meaning, out var invalid) is not { } action)
        {
            return BookingPreviewResult.Of(eventType, sourceEvent, "invalid", invalid, regime);
        }

        if (sourceEvent.Meaning == EventMeaning.NoMoney || action == EventAction.Ignore)
        {
            return BookingPreviewResult.Of(eventType, sourceEvent, "ignored",
                sourceEvent.IgnoredBecause ?? $"The source's settings book nothing for {eventType}.", regime) with { Action = EventActions.Name(action) };
        }

        var settings = OrganizationBooksSettings.Read(organization.Settings);
        var (sale, ownerKeys) = await sales.FindAsync(organization.OrganizationId, sourceId, sourceEvent, null, cancellationToken);
        var plans = new List<BookingPlan>();
        // The sale as booking reads it (what a cancelled invoice still owes, its lines as stated for a share of them, the
        // refunds booked before, the documents a failed refund or a voided credit takes back), so the documents previewed are those booking would plan.
        // The attempt's view of the ledger is only read: nothing is written without an outcome.
        var onRecord = sale is null
            ? null
            : await SaleRecord.ReadAsync(organization.OrganizationId, sourceId, sourceEvent, ledger.ForAttempt(),
                (booked, cancellation) => statedSales.ReadAsync(organization.OrganizationId, sourceId, adapter, booked, cancellation), sale,
                regime.Regime.ChoosesCodesByRegion, cancellationToken);

        if (sale is null && sourceEvent is { Meaning: EventMeaning.Refund, Sale: not null })
        {
            var brought = SaleLookup.SaleBroughtBy(sourceEvent);
            var salePlan = DocumentPlanner.Plan(brought, EventActionChoice.For(mapping, null, EventMeaning.Sale, out _) ?? EventAction.Auto, regime.Regime, settings);
            plans.Add(salePlan);
            var planned = salePlan.Documents.FirstOrDefault(d => d.Role == DocumentPlanner.SaleRole);
            onRecord = planned is null ? null : new SaleOnRecord(planned.EntityType, "(this event)", planned.Total, brought.Paid > 0, brought.Sale?.Currency);
        }
        else if (sale is null && sourceEvent.Meaning != EventMeaning.Sale)
        {
            return BookingPreviewResult.Of(eventType, sourceEvent, "waiting", SaleLookup.WaitingReason(sourceEvent), regime) with { Action = EventActions.Name(action) };
        }

        plans.Add(DocumentPlanner.Plan(sourceEvent, action, regime.Regime, settings, onRecord));
        var problems = plans.SelectMany(p => p.Problems).ToList();
        var documents = plans.SelectMany(p => p.Documents).ToList();
        var notes = plans.SelectMany(p => p.Notes).ToList();
        var status = problems.Count > 0 ? "refused" : documents.Count == 0 ? "ignored" : "ready";
        return BookingPreviewResult.Of(eventType, sourceEvent, status, plans.Select(p => p.NothingBecause).FirstOrDefault(b => b is not null), regime) with
        {
            Action = EventActions.Name(action),
            Sale = sale is null ? null : new PreviewSaleOnRecord(sale.QboType, sale.QboId, sale.Total, sale.Paid, sale.State),
            Documents = problems.Count > 0 ? [] : await AgainstTheLedgerAsync(organization.OrganizationId, ownerKeys, sourceEvent, documents, sale, notes, cancellationToken),
            Totals = problems.Count > 0 ? null : PreviewTotals.Of(sourceEvent, documents),
            Notes = notes,
            Problems = problems,
        };
    }

    /// <summary>
    /// The planned documents as booking would find them in the ledger (<see cref="LedgerWalk"/>): one booked before under
    /// its role is named and not booked again (a sale sent again), with what was paid since; a restated sale's payment is
    /// what payments booked for it do not already hold, and none when they hold it all.
    /// </summary>
    private async Task<IReadOnlyList<PreviewDocument>> AgainstTheLedgerAsync(string organizationId, IReadOnlyList<string> ownerKeys, SourceEvent sourceEvent,
        IReadOnlyList<PlannedDocument> documents, LedgerLink? sale, List<string> notes, CancellationToken cancellationToken)
    {
        var walk = new LedgerWalk(ledger.ForAttempt(), organizationId, ownerKeys, sourceEvent, notes);
        var previews = new List<PreviewDocument>();
        foreach (var planned in documents)
        {
            if (await walk.StepAsync(planned, cancellationToken) is not { } step)
            {
                continue;
            }

            previews.Add(Preview(step, sale));
            if (step.BookedAs is not null && await walk.PaidSinceAsync(step, cancellationToken) is { } since)
            {
                previews.Add(Preview(since, sale));
            }
        }

        return previews;
    }

    private static PreviewDocument Preview(LedgerStep step, LedgerLink? sale) =>
        PreviewDocument.From(step.Document, sale) with { BookedAs = step.BookedAs is { } existing ? $"{existing.QboType} {existing.QboId}" : null };

    private async Task<PreviewRegime> RegimeAsync(string organizationId, CancellationToken cancellationToken)
    {
        if (regimes.LastKnown(organizationId) is { } known)
        {
            return new PreviewRegime(known.Regime, $"read from the connected company {(int)(time.GetUtcNow() - known.ReadAt).TotalMinutes} min ago");
        }

        try
        {
            var token = await tokens.GetValidTokenAsync(organizationId, cancellationToken);
            // An operator's look, like the proxy's reads: it waits behind the company's invoices, not in front of them.
            var credentials = new QboCredentials(token.RealmId, token.AccessToken) { Traffic = QboTraffic.Proxy };
            return new PreviewRegime(await regimes.GetAsync(organizationId, credentials, cancellationToken), "read from the connected company just now");
        }
        catch (QboNotConnectedException)
        {
            return new PreviewRegime(Assumed, "assumed (a US company without sales tax): the organization has no usable QuickBooks connection");
        }
        catch (Exception exception) when (exception is QboApiException or IntuitOAuthException or HttpRequestException)
        {
            logger.LogWarning(exception, "The company's preferences could not be read for a preview of organization {OrganizationId}.", organizationId);
            return new PreviewRegime(Assumed, "assumed (a US company without sales tax): the company's preferences could not be read just now");
        }
    }
}

/// <summary>The preview of one vendor event: <see cref="Status"/> is ready, ignored, waiting, refused or invalid.</summary>
internal sealed record BookingPreviewResult(string? EventType, string? Meaning, string? Subject, string? Original, string Status, string? Reason, PreviewRegime Regime)
{
    public string? Action { get; init; }

    public PreviewSaleOnRecord? Sale { get; init; }

    public IReadOnlyList<PreviewDocument> Documents { get; init; } = [];

    public PreviewTotals? Totals { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<AdapterProblem> Problems { get; init; } = [];

    public static BookingPreviewResult Of(string? eventType, SourceEvent? sourceEvent, string status, string? reason, PreviewRegime regime) => new(
        eventType, sourceEvent is null ? null : EventActionChoice.MeaningKey(sourceEvent.Meaning), sourceEvent?.Subject.Key, sourceEvent?.Original?.Key,
        status, reason, regime);
}

/// <summary>The company regime the plan was made for, and where it came from.</summary>
internal sealed record PreviewRegime(CompanyRegime Regime, string Source);

/// <summary>The sale this event belongs to, as booked before.</summary>
internal sealed record PreviewSaleOnRecord(string EntityType, string Id, decimal Total, bool Paid, string State);

/// <summary>
/// A document the event would book: its body with placeholders (<c>{{customer}}</c>, <c>{{item:Shipping}}</c>, …) the
/// booking resolves, and the earlier documents it links to.
/// </summary>
internal sealed record PreviewDocument(string Role, string EntityType, string Operation, decimal Total, JsonObject Body, IReadOnlyList<string> LinksTo)
{
    /// <summary>The document booked under this role before ("Invoice 42"): booking finds it there and books nothing new for it.</summary>
    public string? BookedAs { get; init; }

    public static PreviewDocument From(PlannedDocument document, LedgerLink? sale)
    {
        var links = new List<string>();
        var text = document.Body.ToJsonString();
        var saleRef = Placeholders.Document(DocumentPlanner.SaleRole);
        if (document.Target is { } target)
        {
            links.Add($"{target.EntityType} {target.Id} (booked as {target.Role})");
        }
        else if (text.Contains(saleRef, StringComparison.Ordinal) || document.Operation == DocumentOperation.Void)
        {
            links.Add(sale is null ? "the sale booked by this event" : $"{sale.QboType} {sale.QboId} (the sale)");
        }

        if (text.Contains(Placeholders.Document("credit:")[..^2], StringComparison.Ordinal))
        {
            links.Add("the credit memo booked by this event");
        }

        return new PreviewDocument(document.Role, document.EntityType, document.Operation.ToString().ToLowerInvariant(), document.Total,
            (JsonObject)document.Body.DeepClone(), links);
    }
}

/// <summary>The vendor's amount against what the documents book: they must be equal (a rounding line, if any, is in the notes).</summary>
internal sealed record PreviewTotals(decimal Source, decimal Booked, bool Equal)
{
    public static PreviewTotals Of(SourceEvent sourceEvent, IReadOnlyList<PlannedDocument> documents)
    {
        var source = sourceEvent.Meaning switch
        {
            EventMeaning.Sale => sourceEvent.Sale?.Total ?? 0m,
            EventMeaning.Refund => sourceEvent.Refunds.Sum(r => r.Amount),
            EventMeaning.Payment => sourceEvent.Payment?.Amount ?? 0m,
            _ => 0m,
        };
        var booked = sourceEvent.Meaning switch
        {
            EventMeaning.Sale => documents.Where(d => d.Role == DocumentPlanner.SaleRole).Sum(d => d.Total),
            EventMeaning.Refund => documents.Where(d => DocumentPlanner.RefundIdOf(d.Role) is not null || DocumentPlanner.ReinstatedIdOf(d.Role) is not null).Sum(d => d.Total),
            EventMeaning.Payment => documents.Where(d => d.EntityType == "Payment").Sum(d => d.Total),
            _ => 0m,
        };
        return new PreviewTotals(source, booked, source == booked);
    }
}
