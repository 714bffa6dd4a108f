using System.Text;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Webhooks.Signatures;

public sealed class StripeSignatureVerifierTests
{
    private const string Secret = "whsec_test_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    private const string OtherSecret = "whsec_test_0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private const long Timestamp = 1_764_000_000;

    private static readonly byte[] Body = File.ReadAllBytes(Fixtures.Path("stripe/invoice.paid.json"));
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    private readonly StripeSignatureVerifier _verifier = new();

    [Fact]
    public void Verify_SignatureOverRawFixtureBytes_IsValid()
    {
        var result = Verify($"t={Timestamp},v1={V1(Secret)}");

        Assert.True(result.IsValid);
        Assert.Equal(SignatureFailure.None, result.Failure);
    }

    [Fact]
    public void Verify_OneOfSeveralV1Matches_IsValid()
    {
        var result = Verify($"t={Timestamp},v1={V1(OtherSecret)},v1={V1(Secret)},v0={V1(OtherSecret)}");

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Verify_UppercaseHexAndSpacesAroundElements_IsValid()
    {
        var result = Verify($" t={Timestamp} , v1={V1(Secret).ToUpperInvariant()} ");

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Verify_OnlyV0EvenIfItWouldMatch_IsMismatch()
    {
        var result = Verify($"t={Timestamp},v0={V1(Secret)}");

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Verify_SignedWithOtherSecret_IsMismatchAndMessageLeaksNothing()
    {
        var result = Verify($"t={Timestamp},v1={V1(OtherSecret)}");

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
        Assert.Contains("Stripe-Signature", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(V1(Secret), result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(V1(OtherSecret), result.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Verify_BodyWithOneByteChanged_IsMismatch()
    {
        var result = _verifier.Verify(Hmac.FlipOneByte(Body), Hmac.Headers("Stripe-Signature", $"t={Timestamp},v1={V1(Secret)}"), Secret, Now);

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
    }

    [Fact]
    public void Verify_SameJsonReserialized_IsMismatch()
    {
        var reserialized = Encoding.UTF8.GetBytes(JsonNode.Parse(Body)!.ToJsonString());

        var result = _verifier.Verify(reserialized, Hmac.Headers("Stripe-Signature", $"t={Timestamp},v1={V1(Secret)}"), Secret, Now);

        Assert.NotEqual(Body, reserialized);
        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
    }

    [Fact]
    public void Verify_TimestampSignedWithOtherDigits_IsMismatch()
    {
        // Leading zeros parse to the same number but were not what was signed.
        var result = Verify($"t=0{Timestamp},v1={V1(Secret)}");

        Assert.Equal(SignatureFailure.Mismatch, result.Failure);
    }

    [Theory]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    [InlineData(86_400, false)]
    public void Verify_ClockOffsetFromTimestamp_AppliesDefaultTolerance(int offsetSeconds, bool valid)
    {
        var result = _verifier.Verify(Body, Hmac.Headers("Stripe-Signature", $"t={Timestamp},v1={V1(Secret)}"), Secret, Now.AddSeconds(offsetSeconds));

        Assert.Equal(valid ? SignatureFailure.None : SignatureFailure.TimestampOutOfTolerance, result.Failure);
    }

    [Fact]
    public void Verify_CustomTolerance_IsUsed()
    {
        var verifier = new StripeSignatureVerifier(TimeSpan.FromSeconds(10));
        var headers = Hmac.Headers("Stripe-Signature", $"t={Timestamp},v1={V1(Secret)}");

        Assert.True(verifier.Verify(Body, headers, Secret, Now.AddSeconds(10)).IsValid);
        Assert.Equal(SignatureFailure.TimestampOutOfTolerance, verifier.Verify(Body, headers, Secret, Now.AddSeconds(11)).Failure);
    }

    [Fact]
    public void Verify_NoHeader_IsMissingHeader()
    {
        var result = _verifier.Verify(Body, new HeaderDictionary(), Secret, Now);

        Assert.Equal(SignatureFailure.MissingHeader, result.Failure);
        Assert.Contains("Stripe-Signature", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OtherSchemesHeaderOnly_IsMissingHeader()
    {
        var result = _verifier.Verify(Body, Hmac.Headers("X-Webhook-Signature", $"t={Timestamp},v1={V1(Secret)}"), Secret, Now);

        Assert.Equal(SignatureFailure.MissingHeader, result.Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("=,=")]
    [InlineData("t={t},,v1={sig}")]
    [InlineData("t={t};v1={sig}")]
    [InlineData("v1={sig}")]
    [InlineData("t=,v1={sig}")]
    [InlineData("t=abc,v1={sig}")]
    [InlineData("t=-5,v1={sig}")]
    [InlineData("t=+{t},v1={sig}")]
    [InlineData("t=1e9,v1={sig}")]
    [InlineData("t=١٧٦٤٠٠٠٠٠٠,v1={sig}")]
    [InlineData("t=99999999999999999999999999,v1={sig}")]
    [InlineData("t={t},t={t},v1={sig}")]
    [InlineData("t={t},v1=zz")]
    [InlineData("t={t},v1=")]
    [InlineData("t={t},v1={sig}00")]
    [InlineData("t={t},v1={sig},v1=not-hex")]
    [InlineData("t={t},v1=gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg")]
    public void Verify_HostileHeader_IsMalformedWithoutThrowing(string template)
    {
        var result = Verify(template.Replace("{t}", $"{Timestamp}", StringComparison.Ordinal).Replace("{sig}", V1(Secret), StringComparison.Ordinal));

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Verify_HugeHeader_IsMalformed()
    {
        var result = Verify($"t={Timestamp},v1={V1(Secret)},x={new string('a', 100_000)}");

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
    }

    [Fact]
    public void Verify_TooManySignatures_IsMalformed()
    {
        string Header(int others) => $"t={Timestamp}" + string.Concat(Enumerable.Repeat($",v1={V1(OtherSecret)}", others)) + $",v1={V1(Secret)}";

        Assert.True(Verify(Header(7)).IsValid);
        Assert.Equal(SignatureFailure.Malformed, Verify(Header(8)).Failure);
    }

    [Fact]
    public void Verify_HeaderSentTwice_IsMalformed()
    {
        var headers = new HeaderDictionary { ["Stripe-Signature"] = new([$"t={Timestamp},v1={V1(Secret)}", $"t={Timestamp},v1={V1(Secret)}"]) };

        var result = _verifier.Verify(Body, headers, Secret, Now);

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
    }

    [Fact]
    public void Verify_EmptySecret_Throws()
    {
        Assert.Throws<ArgumentException>(() => _verifier.Verify(Body, Hmac.Headers("Stripe-Signature", $"t={Timestamp},v1={V1("")}"), "", Now));
    }

    [Fact]
    public void Constructor_NegativeTolerance_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StripeSignatureVerifier(TimeSpan.FromSeconds(-1)));
    }

    private static string V1(string secret) => Hmac.Hex(secret, $"{Timestamp}.", Body);

    private SignatureResult Verify(string header) => _verifier.Verify(Body, Hmac.Headers("Stripe-Signature", header), Secret, Now);
}
