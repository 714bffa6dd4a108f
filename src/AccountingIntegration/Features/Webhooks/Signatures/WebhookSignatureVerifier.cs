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

    /// <summary>Every scheme in <see cref="SignatureSchemes.All"/> with its default tolerance; PayPal's certificates come from <paramref name="payPalCertificates"/>.</summary>
    public static WebhookSignatureVerifier CreateDefault(PayPalCertificates payPalCertificates) =>
        new([
            new StripeSignatureVerifier(), new ShopifySignatureVerifier(), new HmacSha256SignatureVerifier(), new PaddleSignatureVerifier(),
            new WooCommerceSignatureVerifier(), new SquareSignatureVerifier(), new PayPalSignatureVerifier(payPalCertificates),
        ]);

    /// <summary>Checks <paramref name="delivery"/> under <paramref name="scheme"/>; the plain secret may be null only for <c>none</c>.</summary>
    public ValueTask<SignatureResult> VerifyAsync(string scheme, SignedDelivery delivery, string? secret, CancellationToken cancellationToken)
    {
        if (scheme == SignatureSchemes.None)
        {
            return ValueTask.FromResult(SignatureResult.Valid);
        }

        if (!_verifiers.TryGetValue(scheme, out var verifier))
        {
            return ValueTask.FromResult(SignatureResult.Fail(SignatureFailure.UnknownScheme, $"No verifier handles the signature scheme '{scheme}'."));
        }

        // A signed scheme without a secret is a broken source, not a bad request: fail loudly.
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return verifier.VerifyAsync(delivery, secret, cancellationToken);
    }
}
