namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// Paddle Billing: <c>Paddle-Signature: ts=&lt;unix&gt;;h1=&lt;hex&gt;[;h1=…]</c>, each <c>h1</c> a hex
/// HMAC-SHA256 over <c>"{ts}:{raw body}"</c> keyed with the notification destination's
/// <c>pdl_ntfset_…</c> secret. The default 5 s tolerance is Paddle's SDKs': how old a delivery may be. A
/// timestamp ahead of this service's clock is accepted within <see cref="TimestampedHmac.ClockSkew"/>.
/// </summary>
internal sealed class PaddleSignatureVerifier(TimeSpan tolerance) : IWebhookSignatureVerifier
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(5);

    private readonly TimeSpan _tolerance = TimestampedHmac.CheckTolerance(tolerance);

    public PaddleSignatureVerifier()
        : this(DefaultTolerance)
    {
    }

    public string Scheme => SignatureSchemes.Paddle;

    public SignatureResult Verify(ReadOnlySpan<byte> body, IHeaderDictionary headers, string secret, DateTimeOffset now) =>
        TimestampedHmac.Verify(TimestampedSignatureFormat.Paddle, body, headers, secret, now, _tolerance);

    public ValueTask<SignatureResult> VerifyAsync(SignedDelivery delivery, string secret, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Verify(delivery.Body.Span, delivery.Headers, secret, delivery.ReceivedAt));
}
