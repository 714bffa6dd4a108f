using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// A parsed timestamp-and-signatures header. <see cref="TimestampText"/> keeps the digits exactly
/// as sent, because the sender signed that text, not our re-formatting of the number.
/// </summary>
internal sealed record TimestampedSignatureHeader(string TimestampText, long UnixSeconds, IReadOnlyList<byte[]> Signatures)
{
    public const int HashLength = 32;

    /// <summary>Secret rolling needs two or three; more is not a real sender.</summary>
    public const int MaxSignatures = 8;

    /// <summary>
    /// Strict about structure (every element <c>key=value</c>, one timestamp of ASCII digits, every
    /// signature 64 hex characters) and silent about unknown keys such as Stripe's <c>v0</c>, so
    /// a sender adding a scheme version does not break us. Never throws.
    /// </summary>
    public static bool TryParse(TimestampedSignatureFormat format, string value,
        [NotNullWhen(true)] out TimestampedSignatureHeader? header, [NotNullWhen(false)] out SignatureResult? failure)
    {
        header = null;
        string? timestampText = null;
        var signatures = new List<byte[]>();
        foreach (var element in value.Split(format.PairSeparator))
        {
            var pair = element.AsSpan().Trim();
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                failure = Malformed(format, "has an element that is not key=value");
                return false;
            }

            var key = pair[..equals].Trim();
            var text = pair[(equals + 1)..].Trim();
            if (key.SequenceEqual(format.TimestampKey))
            {
                // Two timestamps leave it open which one the tolerance applies to.
                if (timestampText is not null)
                {
                    failure = Malformed(format, $"has more than one {format.TimestampKey}=");
                    return false;
                }

                timestampText = text.ToString();
            }
            else if (key.SequenceEqual(format.SignatureKey))
            {
                if (signatures.Count == MaxSignatures)
                {
                    failure = Malformed(format, $"has more than {MaxSignatures} {format.SignatureKey}= signatures");
                    return false;
                }

                if (!TryDecodeHex(text, out var signature))
                {
                    failure = Malformed(format, $"has a {format.SignatureKey}= value that is not {HashLength * 2} hex characters");
                    return false;
                }

                signatures.Add(signature);
            }
        }

        if (timestampText is null)
        {
            failure = Malformed(format, $"has no {format.TimestampKey}= timestamp");
            return false;
        }

        // NumberStyles.None: ASCII digits only, no sign, no spaces; overflow fails instead of throwing.
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            failure = Malformed(format, $"has a {format.TimestampKey}= value that is not a Unix time in seconds");
            return false;
        }

        header = new TimestampedSignatureHeader(timestampText, seconds, signatures);
        failure = null;
        return true;
    }

    private static bool TryDecodeHex(ReadOnlySpan<char> hex, out byte[] bytes)
    {
        bytes = new byte[HashLength];
        return hex.Length == HashLength * 2
            && Convert.FromHexString(hex, bytes, out _, out var written) == OperationStatus.Done
            && written == HashLength;
    }

    private static SignatureResult Malformed(TimestampedSignatureFormat format, string problem) =>
        SignatureResult.Fail(SignatureFailure.Malformed, $"The {format.HeaderName} header {problem}.");
}
