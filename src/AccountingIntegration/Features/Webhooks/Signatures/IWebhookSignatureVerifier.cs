namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>Checks one signature scheme over the exact bytes of a webhook body.</summary>
internal interface IWebhookSignatureVerifier
{
    /// <summary>The <see cref="SignatureSchemes"/> value this verifier handles.</summary>
    string Scheme { get; }

    /// <summary>
    /// Never throws on anything the sender controls (headers, body, URLs); an empty <paramref name="secret"/> is a
    /// configuration error and throws, because an empty HMAC key would let anyone sign. Asynchronous because a scheme
    /// may need a certificate it has to download (PayPal); the HMAC schemes complete synchronously.
    /// </summary>
    ValueTask<SignatureResult> VerifyAsync(SignedDelivery delivery, string secret, CancellationToken cancellationToken);
}
