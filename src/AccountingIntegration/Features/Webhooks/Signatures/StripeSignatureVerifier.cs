namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// Stripe: <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…][,v0=…]</c>, each <c>v1</c> a hex
/// HMAC-SHA256 over <c>"{t}.{raw body}"</c> keyed with the whole <c>whsec_…</c> secret. Any
/// <c>v1</c> may match (Stripe sends one per active secret while a secret rolls); <c>v0</c> is
/// Stripe's test scheme and never counts. Tolerance defaults to Stripe's 300 s.
/// </summary>
internal sealed class StripeSignatureVerifier(TimeSpan tolerance) : IWebhookSignatureVerifier
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private readonly TimeSpan _tolerance = TimestampedHmac.CheckTolerance(tolerance);

    public StripeSignatureVerifier()
        : this(DefaultTolerance)
    {
    }

    public string Scheme => SignatureSchemes.Stripe;

    public SignatureResult Verify(ReadOnlySpan<byte> body, IHeaderDictionary headers, string secret, DateTimeOffset now) =>
        TimestampedHmac.Verify(TimestampedSignatureFormat.Stripe, body, headers, secret, now, _tolerance);

    public ValueTask<SignatureResult> VerifyAsync(SignedDelivery delivery, string secret, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Verify(delivery.Body.Span, delivery.Headers, secret, delivery.ReceivedAt));
}
