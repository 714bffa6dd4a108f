using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Builds a vendor's event template: for each event type the vendor's adapter knows, the documented default
/// action for what it means, plus the four meaning keys for event types the template does not name. It has no
/// field mappings or static values: the adapter reads the vendor's lines, tax, shipping and discounts itself.
/// The action names are the books' (<c>EventActions.ByName</c>); this project does not reference the books, so a
/// test of the service checks every template against its adapter's known events.
/// </summary>
internal static class EventTemplate
{
    /// <summary>A sale paid becomes an invoice with its payment, an unpaid one an invoice.</summary>
    public const string Auto = "auto";

    public const string Payment = "payment";

    public const string Void = "void";

    public const string Ignore = "ignore";

    /// <param name="name">The template's name, e.g. "Stripe events".</param>
    /// <param name="sourceType">The source type of its adapter.</param>
    /// <param name="previousName">The name it was shipped under before it was an event template, if any.</param>
    /// <param name="description">What each event becomes, for operators.</param>
    /// <param name="sales">Events that are sales: <c>auto</c>.</param>
    /// <param name="refunds">Events that give money back: <c>auto</c> (a refund receipt for a paid sale, a credit memo otherwise).</param>
    /// <param name="cancellations">Events that cancel a sale: <c>void</c>.</param>
    /// <param name="noMoney">Events that never move money: <c>ignore</c>.</param>
    /// <param name="payments">Events that pay an earlier sale: <c>payment</c>.</param>
    /// <param name="readByContent">
    /// Events listed as moving no money that the adapter still books when their content says so (a Shopify order
    /// edit's new totals, a Square dispute opened already lost), or that link a sale under other names (a Stripe invoice
    /// payment): <c>auto</c>, so the adapter decides.
    /// </param>
    public static BuiltInTemplate Create(
        string name,
        string sourceType,
        string? previousName,
        string description,
        IReadOnlyList<string> sales,
        IReadOnlyList<string> refunds,
        IReadOnlyList<string> cancellations,
        IReadOnlyList<string> noMoney,
        IReadOnlyList<string>? payments = null,
        IReadOnlyList<string>? readByContent = null)
    {
        // Add, not the indexer: an event listed twice is a mistake in the template, caught when the type loads.
        var actions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            { "sale", Auto },
            { "payment", Payment },
            { "refund", Auto },
            { "cancellation", Void },
        };
        AddAll(actions, sales, Auto);
        AddAll(actions, payments ?? [], Payment);
        AddAll(actions, refunds, Auto);
        AddAll(actions, cancellations, Void);
        AddAll(actions, readByContent ?? [], Auto);
        AddAll(actions, noMoney, Ignore);

        return new BuiltInTemplate(name, sourceType, BuiltInTemplates.DefaultPriority, [], new Dictionary<string, JsonNode?>(StringComparer.Ordinal),
            description, new Dictionary<string, string>(actions, StringComparer.Ordinal))
        {
            PreviousNames = previousName is null ? [] : [previousName],
        };
    }

    private static void AddAll(Dictionary<string, string> actions, IReadOnlyList<string> eventTypes, string action)
    {
        foreach (var eventType in eventTypes)
        {
            actions.Add(eventType, action);
        }
    }
}
