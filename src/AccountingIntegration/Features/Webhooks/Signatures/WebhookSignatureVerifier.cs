namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// Picks the verifier for a source's <c>signature_scheme</c>. A scheme without a registered
/// verifier answers <see cref="SignatureFailure.UnknownScheme"/>, so a gap in configuration
/// rejects deliveries instead of letting them through.
/// </summary>
internal sealed class WebhookSignatureVerifier
{
    private readonly Dictionary<string, IWebhookSignatureVerifier> _verifiers;

    /// <exception cref="ArgumentException">Two verifiers claim one scheme, or one claims <c>none</c>.</exception>
    public WebhookSignatureVerifier(IEnumerable<IWebhookSignatureVerifier> verifiers)
    {
        _verifiers = verifiers.ToDictionary(v => v.Scheme, StringComparer.Ordinal);
        if (_verifiers.ContainsKey(SignatureSchemes.None))
        {
            throw new ArgumentException("The none scheme accepts every request and takes no verifier.", nameof(verifiers));
        }
    }

    /// <summary>Every scheme in <see cref="SignatureSchemes.All"/> with its default tolerance.</summary>
    public static WebhookSignatureVerifier CreateDefault() =>
        new([new StripeSignatureVerifier(), new ShopifySignatureVerifier(), new HmacSha256SignatureVerifier(), new PaddleSignatureVerifier()]);

    /// <summary>Checks <paramref name="body"/> under <paramref name="scheme"/>; the plain secret may be null only for <c>none</c>.</summary>
    public SignatureResult Verify(string scheme, ReadOnlySpan<byte> body, IHeaderDictionary headers, string? secret, DateTimeOffset now)
    {
        if (scheme == SignatureSchemes.None)
        {
            return SignatureResult.Valid;
        }

        if (!_verifiers.TryGetValue(scheme, out var verifier))
        {
            return SignatureResult.Fail(SignatureFailure.UnknownScheme, $"No verifier handles the signature scheme '{scheme}'.");
        }

        // A signed scheme without a secret is a broken source, not a bad request: fail loudly.
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return verifier.Verify(body, headers, secret, now);
    }
}
