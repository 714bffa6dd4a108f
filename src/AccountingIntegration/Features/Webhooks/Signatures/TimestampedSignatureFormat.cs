namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// The shape shared by Stripe, Paddle and our own scheme: one header holding a Unix timestamp
/// and one or more hex HMAC-SHA256 values over <c>"{timestamp}{separator}{raw body}"</c>. They
/// differ only in these names and separators: <c>PairSeparator</c> sits between the header's
/// <c>key=value</c> elements, <c>MessageSeparator</c> between timestamp and body in the signed message.
/// </summary>
internal sealed record TimestampedSignatureFormat(
    string HeaderName,
    char PairSeparator,
    string TimestampKey,
    string SignatureKey,
    char MessageSeparator)
{
    public static TimestampedSignatureFormat Stripe { get; } = new("Stripe-Signature", ',', "t", "v1", '.');

    public static TimestampedSignatureFormat Generic { get; } = new("X-Webhook-Signature", ',', "t", "v1", '.');

    public static TimestampedSignatureFormat Paddle { get; } = new("Paddle-Signature", ';', "ts", "h1", ':');
}
