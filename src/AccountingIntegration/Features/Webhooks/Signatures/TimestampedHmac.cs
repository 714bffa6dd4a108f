using System.Security.Cryptography;
using System.Text;

namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>Signs and verifies the timestamped HMAC-SHA256 schemes described by <see cref="TimestampedSignatureFormat"/>.</summary>
internal static class TimestampedHmac
{
    /// <summary>
    /// How far ahead of this service's clock a timestamp may be: the sender's clock and ours differ by some seconds. The
    /// vendors' SDKs check only a delivery's age (Stripe's and Paddle's), so a service whose clock ran a few seconds behind
    /// Paddle's refused every genuine delivery under Paddle's 5 s tolerance. A delivery signed ahead of time is no forgery.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static SignatureResult Verify(TimestampedSignatureFormat format, ReadOnlySpan<byte> body, IHeaderDictionary headers,
        string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (!SignatureHeaders.TryReadSingle(headers, format.HeaderName, out var value, out var failure)
            || !TimestampedSignatureHeader.TryParse(format, value, out var header, out failure))
        {
            return failure;
        }

        if (header.Signatures.Count == 0)
        {
            return SignatureResult.Fail(SignatureFailure.Mismatch, $"The {format.HeaderName} header has no {format.SignatureKey}= signature.");
        }

        Span<byte> expected = stackalloc byte[TimestampedSignatureHeader.HashLength];
        Compute(format, header.TimestampText, body, secret, expected);

        // Every candidate is compared, so the time taken does not reveal which one matched.
        var matched = false;
        foreach (var candidate in header.Signatures)
        {
            matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
        }

        if (!matched)
        {
            return SignatureResult.Fail(SignatureFailure.Mismatch, $"No {format.SignatureKey}= signature in the {format.HeaderName} header matches the body.");
        }

        // Checked after the signature, so this failure always means an authentic but stale (or
        // future) delivery: a replay or a clock problem, not a forgery. Bounds are computed on our
        // side only, so a huge timestamp cannot overflow the arithmetic.
        var nowSeconds = now.ToUnixTimeSeconds();
        var toleranceSeconds = (long)tolerance.TotalSeconds;
        if (header.UnixSeconds < nowSeconds - toleranceSeconds)
        {
            return SignatureResult.Fail(SignatureFailure.TimestampOutOfTolerance,
                $"The {format.HeaderName} timestamp is more than {toleranceSeconds} s before the current time.");
        }

        var skewSeconds = (long)Math.Max(tolerance.TotalSeconds, ClockSkew.TotalSeconds);
        if (header.UnixSeconds > nowSeconds + skewSeconds)
        {
            return SignatureResult.Fail(SignatureFailure.TimestampOutOfTolerance,
                $"The {format.HeaderName} timestamp is more than {skewSeconds} s after the current time.");
        }

        return SignatureResult.Valid;
    }

    /// <summary>HMAC-SHA256 keyed with the UTF-8 bytes of the whole secret (prefix such as <c>whsec_</c> included), as the vendors do.</summary>
    public static void Compute(TimestampedSignatureFormat format, string timestampText, ReadOnlySpan<byte> body, string secret, Span<byte> destination)
    {
        // Incremental, so a 1 MiB body is hashed in place rather than copied behind the prefix.
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(timestampText + format.MessageSeparator));
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }

    public static TimeSpan CheckTolerance(TimeSpan tolerance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        return tolerance;
    }
}
