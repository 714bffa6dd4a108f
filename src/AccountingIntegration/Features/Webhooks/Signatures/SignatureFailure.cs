namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>Why a webhook signature was rejected; <see cref="None"/> only on a valid result.</summary>
internal enum SignatureFailure
{
    None,
    MissingHeader,
    Malformed,
    Mismatch,
    TimestampOutOfTolerance,
    UnknownScheme,

    /// <summary>The signer's certificate could not be fetched or is not one the vendor signs with (PayPal).</summary>
    CertificateRejected,
}
