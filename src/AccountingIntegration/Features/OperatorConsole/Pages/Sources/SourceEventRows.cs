using AccountingIntegration.Books;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Sources;

/// <summary>One row of the source's "event → document" table: what the event means and what the mapping layers book it as.</summary>
public sealed record SourceEventRow(string Event, string Meaning, string Document, string ChosenBy, string Description);

/// <summary>
/// The table's rows, decided by the code that books payloads: <see cref="EventActionChoice"/> over the source's merged
/// mapping for a vendor's known events, <see cref="GenericDocument.EntityFor"/> for a generic source.
/// </summary>
internal static class SourceEventRows
{
    public static IReadOnlyList<SourceEventRow> For(string sourceType, MergedMapping? mapping)
    {
        if (VendorAdapters.For(sourceType) is not { } adapter)
        {
            return Generic(mapping);
        }

        var rows = new List<SourceEventRow>();
        foreach (var known in adapter.KnownEvents)
        {
            var meaningKey = EventActionChoice.MeaningKey(known.Meaning);
            var winner = mapping?.EventActionCandidates(known.EventType, meaningKey).FirstOrDefault();
            var action = EventActionChoice.For(mapping, known.EventType, known.Meaning, out var problem);
            var document = known.Meaning == EventMeaning.NoMoney
                ? "Nothing (moves no money)"
                : action is { } chosen ? (chosen != EventAction.Ignore && known.Books is { } books ? books : Describe(chosen, known.Meaning)) : "Refused: " + problem;
            rows.Add(new SourceEventRow(known.EventType, MeaningText(known.Meaning), document, ChosenBy(winner, action), known.Description));
        }

        return rows;
    }

    private static List<SourceEventRow> Generic(MergedMapping? mapping)
    {
        if (mapping is null)
        {
            return [new SourceEventRow("any event", "sale", "Nothing: no mapping applies to this source, so payloads are skipped (NO_MAPPING)", "—",
                "Give the source a mapping (Mapping) before sending events.")];
        }

        var rows = new List<SourceEventRow>();
        foreach (var entry in mapping.EventActions.Where(a => !a.Event.Equals("sale", StringComparison.OrdinalIgnoreCase)))
        {
            rows.Add(GenericRow(mapping, entry.Event, entry.Event));
        }

        rows.Add(GenericRow(mapping, null, "any other event"));
        return rows;
    }

    private static SourceEventRow GenericRow(MergedMapping mapping, string? eventType, string label)
    {
        var entity = GenericDocument.EntityFor(mapping, eventType, out var refusal);
        var winner = mapping.EventActionCandidates(eventType, "sale").FirstOrDefault();
        var document = entity switch
        {
            "SalesReceipt" => "SalesReceipt (paid at once)",
            "Invoice" => "Invoice built by the mapping",
            _ => refusal?.Message ?? "Nothing",
        };
        return new SourceEventRow(label, "sale", document, winner is null ? "default" : LayerText(winner.LayerKind), "The mapping builds the document's lines from the body.");
    }

    /// <summary>
    /// What a cancellation books (docs/books.md, Cancellation): a void before money was taken, the credit of what an invoice
    /// paid in part still owes, or, for a refund that did not go through or a credit voided, its documents taken back.
    /// </summary>
    private const string Cancelled =
        "The sale's document voided (unpaid) · CreditMemo of what is still owed (paid in part) · a failed refund's or voided credit's documents taken back";

    private static string Describe(EventAction action, EventMeaning meaning) => action switch
    {
        EventAction.Auto => meaning switch
        {
            EventMeaning.Sale => "Invoice + Payment (paid) · Invoice (unpaid)",
            EventMeaning.Payment => "Payment applied to the sale's invoice",
            EventMeaning.Refund => "RefundReceipt (paid sale) · CreditMemo applied to the invoice (unpaid)",
            EventMeaning.Cancellation => Cancelled,
            _ => "Nothing",
        },
        EventAction.Invoice => "Invoice, open for what is unpaid",
        EventAction.InvoiceAndPayment => "Invoice + Payment",
        EventAction.SalesReceipt => "SalesReceipt (Invoice + Payment when not paid in full)",
        EventAction.Payment => "Payment applied to the sale's invoice",
        EventAction.RefundReceipt => "RefundReceipt",
        EventAction.CreditMemo => "CreditMemo",
        EventAction.Void => Cancelled,
        _ => "Nothing (the mapping says ignore)",
    };

    private static string ChosenBy(MergedEventAction? winner, EventAction? action) =>
        winner is null || action is null || !EventActions.ByName.TryGetValue(winner.Action, out var named) || named != action
            ? "default"
            : $"{LayerText(winner.LayerKind)} ({winner.Event}: {winner.Action})";

    private static string LayerText(LayerKind kind) => kind switch
    {
        LayerKind.Template => "template",
        LayerKind.Override => "organization override",
        _ => "source mapping",
    };

    private static string MeaningText(EventMeaning meaning) => meaning switch
    {
        EventMeaning.NoMoney => "no money",
        _ => EventActionChoice.MeaningKey(meaning),
    };
}
