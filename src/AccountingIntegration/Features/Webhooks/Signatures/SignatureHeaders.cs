using System.Diagnostics.CodeAnalysis;

namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>Reads the one signature header a scheme uses, refusing anything ambiguous or oversized.</summary>
internal static class SignatureHeaders
{
    /// <summary>
    /// Far above any real signature header (Stripe with two secrets is about 220 characters); the
    /// cap keeps hostile input from costing more than a few kilobytes of parsing.
    /// </summary>
    public const int MaxLength = 4096;

    public static bool TryReadSingle(IHeaderDictionary headers, string name, out string value, [NotNullWhen(false)] out SignatureResult? failure)
    {
        value = "";
        if (!headers.TryGetValue(name, out var values) || values.Count == 0)
        {
            failure = SignatureResult.Fail(SignatureFailure.MissingHeader, $"The {name} header is missing.");
            return false;
        }

        // Two copies of the header leave it open which one was signed; refuse rather than pick one.
        if (values.Count > 1)
        {
            failure = SignatureResult.Fail(SignatureFailure.Malformed, $"The {name} header was sent more than once.");
            return false;
        }

        var single = values[0];
        if (string.IsNullOrWhiteSpace(single))
        {
            failure = SignatureResult.Fail(SignatureFailure.Malformed, $"The {name} header is empty.");
            return false;
        }

        if (single.Length > MaxLength)
        {
            failure = SignatureResult.Fail(SignatureFailure.Malformed, $"The {name} header is longer than {MaxLength} characters.");
            return false;
        }

        value = single;
        failure = null;
        return true;
    }
}
