namespace AccountingIntegration.Books.Vendors;

/// <summary>
/// One event type an adapter reads: what it means for the books, a line for the docs and setup instructions,
/// and the reader that turns a delivery of it into a <see cref="SourceEvent"/>. Keeping the three together
/// means an adapter cannot advertise an event it does not read, nor read one it does not advertise.
/// </summary>
/// <remarks>Shared by the Stripe, Paddle and PayPal adapters; it sits in the Stripe folder until the vendors get a shared one.</remarks>
internal sealed record HandledEvent<TDelivery>(string EventType, EventMeaning Meaning, string Description, Func<TDelivery, AdapterResult> Read)
{
    /// <inheritdoc cref="KnownEvent.Books"/>
    public string? Books { get; init; }

    public KnownEvent Known => new(EventType, Meaning, Description) { Books = Books };
}
