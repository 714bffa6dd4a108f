using System.Text.Json;

namespace AccountingIntegration.Books;

/// <summary>
/// Reads one vendor's webhook deliveries: which event a delivery is, and what it means for the books.
/// Stateless and pure. An adapter never decides which QBO document to create; it says what happened.
/// </summary>
public interface IVendorAdapter
{
    /// <summary>The source type it serves (stripe, shopify, woocommerce, paddle, paypal, square).</summary>
    string SourceType { get; }

    /// <summary>The events the vendor sends that this adapter understands, with what each means; for docs and setup instructions.</summary>
    IReadOnlyList<KnownEvent> KnownEvents { get; }

    /// <summary>
    /// The delivery's event type, from a header (Shopify's X-Shopify-Topic, WooCommerce's X-WC-Webhook-Topic)
    /// or the body (Stripe <c>type</c>, Paddle and PayPal <c>event_type</c>, Square <c>type</c>); null when it names none.
    /// Header names are matched case-insensitively.
    /// </summary>
    string? EventType(IReadOnlyDictionary<string, string> headers, JsonElement body);

    /// <summary>
    /// What the event means. An event this adapter does not know, or one whose status moves no money, is
    /// <see cref="EventMeaning.NoMoney"/> with the reason; a body too broken to read gives problems instead.
    /// </summary>
    AdapterResult Read(string eventType, JsonElement body);
}

/// <summary>An event a vendor sends, and what it means.</summary>
public sealed record KnownEvent(string EventType, EventMeaning Meaning, string Description)
{
    /// <summary>
    /// What it books whichever document its meaning's action names, when that is not the meaning's usual one: a refund's
    /// money coming back (<see cref="RefundInfo.Reinstated"/>) is a sales receipt, never a refund receipt or credit memo.
    /// </summary>
    public string? Books { get; init; }

    /// <summary>What a refund's money coming back books (<see cref="Books"/>).</summary>
    public const string Reinstatement = "SalesReceipt of what the chargeback gave back (the money came back)";
}

/// <summary>The event read, or why it could not be (each problem names the field).</summary>
public sealed record AdapterResult(SourceEvent? Event, IReadOnlyList<AdapterProblem> Problems)
{
    public static AdapterResult Of(SourceEvent sourceEvent) => new(sourceEvent, []);

    public static AdapterResult Fail(string field, string message) => new(null, [new AdapterProblem(field, message)]);
}

public sealed record AdapterProblem(string Field, string Message);
