namespace AccountingIntegration.Features.Webhooks;

/// <summary>An accepted webhook body about to be stored. <see cref="RawPayload"/> is kept byte-exact.</summary>
internal sealed record NewPayload
{
    public required string OrganizationId { get; init; }

    public required string SourceId { get; init; }

    public string? ApiKeyId { get; init; }

    /// <summary>The dedupe key (Idempotency-Key, event id or delivery id); null disables dedupe.</summary>
    public string? EventKey { get; init; }

    /// <summary>The event the delivery says it is (Stripe's type, Shopify's topic header, a generic source's event type path); null when it names none.</summary>
    public string? EventType { get; init; }

    public required string RawPayload { get; init; }

    /// <summary>The delivering request's W3C trace context, so processing continues its trace; null when none was recorded.</summary>
    public string? TraceParent { get; init; }
}
