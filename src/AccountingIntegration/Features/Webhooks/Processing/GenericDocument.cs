using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// What a generic source's event becomes: its mapping builds an invoice; the layers' <c>eventActions</c>, looked up by
/// the event type read at its <c>event_type_path</c> (or the <c>sale</c> entry for every event), say whether it is
/// booked as that invoice, as a sales receipt (paid at once), or not at all.
/// </summary>
internal static class GenericDocument
{
    public static readonly IReadOnlyList<EventAction> Allowed = GenericSourceActions.Allowed;

    /// <summary>The QBO entity to create, or why nothing is created.</summary>
    public static string? EntityFor(MergedMapping mapping, string? eventType, out Refusal? refusal)
    {
        refusal = null;
        if (GenericSourceActions.For(mapping, eventType, out var unrunnable) is not { } action)
        {
            refusal = new Refusal(PayloadStatus.Failed, OutcomeCodes.BookingRefused, $"eventActions: {GenericSourceActions.Refusal(unrunnable!)}.");
            return null;
        }

        if (action == EventAction.Ignore)
        {
            refusal = new Refusal(PayloadStatus.Skipped, OutcomeCodes.EventIgnored, $"The source's settings book nothing for {eventType ?? "this event"}.");
            return null;
        }

        return action == EventAction.SalesReceipt ? "SalesReceipt" : "Invoice";
    }

    /// <summary>
    /// The mapped invoice as the entity to create. A sales receipt has no due date, terms or online-payment switches
    /// (QBO's SalesReceipt entity), so those are left out.
    /// </summary>
    public static JsonObject Shape(JsonObject invoice, string entityType)
    {
        if (entityType != "SalesReceipt")
        {
            return invoice;
        }

        var receipt = (JsonObject)invoice.DeepClone();
        foreach (var field in new[] { "DueDate", "SalesTermRef", "AllowOnlineACHPayment", "AllowOnlineCreditCardPayment", "Deposit" })
        {
            receipt.Remove(field);
        }

        return receipt;
    }

    internal sealed record Refusal(string Status, string Code, string Message);
}
