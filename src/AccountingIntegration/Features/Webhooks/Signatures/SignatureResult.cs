namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// The outcome of a signature check. <see cref="Message"/> names the header and the problem and
/// may be logged or returned to the sender, so it never carries the secret, the expected
/// signature or the received header value.
/// </summary>
internal sealed record SignatureResult(bool IsValid, SignatureFailure Failure, string Message)
{
    public static SignatureResult Valid { get; } = new(true, SignatureFailure.None, "The signature is valid.");

    public static SignatureResult Fail(SignatureFailure failure, string message)
    {
        if (failure == SignatureFailure.None)
        {
            throw new ArgumentException("A failed result needs a failure reason.", nameof(failure));
        }

        return new SignatureResult(false, failure, message);
    }
}
