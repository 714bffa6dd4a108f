namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>Checks one signature scheme over the exact bytes of a webhook body.</summary>
internal interface IWebhookSignatureVerifier
{
    /// <summary>The <see cref="SignatureSchemes"/> value this verifier handles.</summary>
    string Scheme { get; }

    /// <summary>
    /// Never throws on anything the sender controls (headers, body); an empty
    /// <paramref name="secret"/> is a configuration error and throws, because an empty HMAC key
    /// would let anyone sign. <paramref name="now"/> comes from the caller's clock.
    /// </summary>
    SignatureResult Verify(ReadOnlySpan<byte> body, IHeaderDictionary headers, string secret, DateTimeOffset now);
}
