using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks.Signatures;

/// <summary>Against Paddle's own signed vector: a body, header and secret nobody on our side produced.</summary>
public sealed class PaddleSignatureVerifierTests
{
    private static readonly byte[] Body = File.ReadAllBytes(Fixtures.Path("paddle/customer.created.json"));
    private static readonly Vector Signed = Vector.Read();

    private readonly PaddleSignatureVerifier _verifier = new();

    [Fact]
    public void Verify_PaddlesVectorAtItsOwnTime_IsValid()
    {
        var result = _verifier.Verify(Body, Signed.Headers(), Signed.Secret, Signed.SentAt);

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Verify_VectorBodyWithOneByteChanged_IsMismatch()
    {
        var result = _verifier.Verify(Hmac.FlipOneByte(Body), Signed.Headers(), Signed.Secret, Signed.SentAt);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
    }

    [Fact]
    public void Verify_VectorBodyReserialized_IsMismatch()
    {
        // The raw body escapes its non-ASCII name as \u00dc…; re-serialising changes those bytes.
        var reserialized = Encoding.UTF8.GetBytes(JsonNode.Parse(Body)!.ToJsonString());

        var result = _verifier.Verify(reserialized, Signed.Headers(), Signed.Secret, Signed.SentAt);

        Assert.NotEqual(Body, reserialized);
        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
    }

    [Fact]
    public void Verify_WrongSecret_IsMismatchAndMessageLeaksNothing()
    {
        var result = _verifier.Verify(Body, Signed.Headers(), Signed.Secret + "x", Signed.SentAt);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
        Assert.DoesNotContain(Signed.Secret, result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Signed.Header.Split("h1=")[1], result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    [InlineData(3600, false)]
    // Our clock behind Paddle's: a timestamp ahead of it is clock skew, accepted up to five minutes, as Paddle's SDKs
    // check only how old a delivery is.
    [InlineData(-6, true)]
    [InlineData(-300, true)]
    [InlineData(-301, false)]
    public void Verify_ClockOffsetFromVector_AppliesFiveSecondDefaultToItsAge(int offsetSeconds, bool valid)
    {
        var result = _verifier.Verify(Body, Signed.Headers(), Signed.Secret, Signed.SentAt.AddSeconds(offsetSeconds));

        Assert.Equal(valid ? SignatureFailure.None : SignatureFailure.TimestampOutOfTolerance, result.Failure);
    }

    [Fact]
    public void Verify_WiderConfiguredTolerance_AcceptsOlderDelivery()
    {
        var verifier = new PaddleSignatureVerifier(TimeSpan.FromMinutes(5));

        Assert.True(verifier.Verify(Body, Signed.Headers(), Signed.Secret, Signed.SentAt.AddSeconds(300)).IsValid);
    }

    [Fact]
    public void Verify_SecondH1ForRolledSecret_IsValid()
    {
        var header = $"{Signed.Header};h1={new string('0', 64)}";

        var result = _verifier.Verify(Body, Hmac.Headers("Paddle-Signature", header), Signed.Secret, Signed.SentAt);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Verify_IndependentlyComputedSignature_MatchesVector()
    {
        var ts = Signed.SentAt.ToUnixTimeSeconds();

        Assert.Equal($"ts={ts};h1={Hmac.Hex(Signed.Secret, $"{ts}:", Body)}", Signed.Header);
    }

    [Fact]
    public void Verify_NoHeader_IsMissingHeader()
    {
        var result = _verifier.Verify(Body, new HeaderDictionary(), Signed.Secret, Signed.SentAt);

        Assert.Equal(SignatureFailure.MissingHeader, result.Failure);
        Assert.Contains("Paddle-Signature", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ts=1710498288,h1=38219b3ba1578184e625c29d201a27cd25bd69e2ec9c3ab87dcb90d87ff73a41")]
    [InlineData("t=1710498288;h1=38219b3ba1578184e625c29d201a27cd25bd69e2ec9c3ab87dcb90d87ff73a41")]
    [InlineData("ts=1710498288;h1=38219b3ba1578184e625c29d201a27cd25bd69e2ec9c3ab87dcb90d87ff73a4")]
    [InlineData("ts=1710498288;ts=1710498288;h1=38219b3ba1578184e625c29d201a27cd25bd69e2ec9c3ab87dcb90d87ff73a41")]
    public void Verify_HostileHeader_IsMalformed(string header)
    {
        var result = _verifier.Verify(Body, Hmac.Headers("Paddle-Signature", header), Signed.Secret, Signed.SentAt);

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
    }

    private sealed record Vector(string Header, string Secret, DateTimeOffset SentAt)
    {
        public HeaderDictionary Headers() => Hmac.Headers("Paddle-Signature", Header);

        public static Vector Read()
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(Fixtures.Path("paddle/customer.created.signature.json")));
            var header = json.RootElement.GetProperty("headers").GetProperty("Paddle-Signature").GetString()!;
            var secret = json.RootElement.GetProperty("secret").GetString()!;
            var ts = long.Parse(header.Split(';')[0]["ts=".Length..], System.Globalization.CultureInfo.InvariantCulture);
            return new Vector(header, secret, DateTimeOffset.FromUnixTimeSeconds(ts));
        }
    }
}
