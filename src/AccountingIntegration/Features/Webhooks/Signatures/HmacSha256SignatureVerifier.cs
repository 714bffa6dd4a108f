using System.Globalization;

namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// Our documented scheme for in-house senders, Stripe's design under our own header:
/// <c>X-Webhook-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…]</c>, each <c>v1</c> a hex HMAC-SHA256
/// over <c>"{t}.{raw body}"</c> keyed with the UTF-8 bytes of the source's secret. Senders
/// rolling a secret sign with both and send both <c>v1</c> values. Tolerance defaults to 300 s.
/// </summary>
internal sealed class HmacSha256SignatureVerifier(TimeSpan tolerance) : IWebhookSignatureVerifier
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private readonly TimeSpan _tolerance = TimestampedHmac.CheckTolerance(tolerance);

    public HmacSha256SignatureVerifier()
        : this(DefaultTolerance)
    {
    }

    public string Scheme => SignatureSchemes.HmacSha256;

    public SignatureResult Verify(ReadOnlySpan<byte> body, IHeaderDictionary headers, string secret, DateTimeOffset now) =>
        TimestampedHmac.Verify(TimestampedSignatureFormat.Generic, body, headers, secret, now, _tolerance);

    public ValueTask<SignatureResult> VerifyAsync(SignedDelivery delivery, string secret, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Verify(delivery.Body.Span, delivery.Headers, secret, delivery.ReceivedAt));

    /// <summary>The <c>X-Webhook-Signature</c> value a sender puts on <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var timestampText = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Span<byte> signature = stackalloc byte[TimestampedSignatureHeader.HashLength];
        TimestampedHmac.Compute(TimestampedSignatureFormat.Generic, timestampText, body, secret, signature);
        return $"t={timestampText},v1={Convert.ToHexStringLower(signature)}";
    }
}
