using System.Text;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Data;

/// <summary>
/// A rotated source's previous signing secret is stored with its expiry and keeps verifying deliveries until then,
/// and not a second longer; the new secret verifies from the moment of rotation.
/// </summary>
public sealed class SourceSecretOverlapTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event":"order.paid","id":"ord-1"}""");

    private readonly SecretProtector _secrets = new(new SecurityOptions
    {
        EncryptionKey = "overlap-test-key-0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        EncryptionKeyId = "k1",
        JwtSecret = "unused",
        OAuthStateSecret = "unused",
    });

    private readonly WebhookSignatureVerifier _verifier = WebhookSignatureVerifier.CreateDefault(PayPalCerts.Serving(new Dictionary<string, string>()));

    [Theory, BothDatabases]
    public async Task Rotate_WithOverlap_OldSecretVerifiesWithinTheWindowAndIsRefusedAfter(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new WebhookStore(database, clock);
        var source = await SignedSourceAsync(store, database, "old-secret-1234");

        var rotated = await store.RotateSigningSecretAsync(source.OrganizationId, source.SourceId, Protect(source, "new-secret-5678"), TimeSpan.FromHours(24), default);
        var read = (await store.GetSourceAsync(source.OrganizationId, source.SourceId, default))!;

        Assert.Equal(rotated, read);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddHours(24), read.PreviousSecretExpiresAt);
        Assert.True((await VerifyAsync(read, "old-secret-1234", clock)).IsValid);
        Assert.True((await VerifyAsync(read, "new-secret-5678", clock)).IsValid);
        Assert.False((await VerifyAsync(read, "never-the-secret", clock)).IsValid);

        clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.True((await VerifyAsync(read, "old-secret-1234", clock)).IsValid);

        clock.Advance(TimeSpan.FromSeconds(1));
        var refused = await VerifyAsync(read, "old-secret-1234", clock);
        Assert.False(refused.IsValid);
        Assert.Equal(SignatureFailure.Mismatch, refused.Failure);
        Assert.True((await VerifyAsync(read, "new-secret-5678", clock)).IsValid);
    }

    [Theory, BothDatabases]
    public async Task Rotate_WithoutOverlap_OldSecretStopsAtOnce(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new WebhookStore(database, clock);
        var source = await SignedSourceAsync(store, database, "old-secret-1234");

        await store.RotateSigningSecretAsync(source.OrganizationId, source.SourceId, Protect(source, "new-secret-5678"), TimeSpan.Zero, default);
        var read = (await store.GetSourceAsync(source.OrganizationId, source.SourceId, default))!;

        Assert.Null(read.PreviousSigningSecret);
        Assert.Null(read.PreviousSecretExpiresAt);
        Assert.False((await VerifyAsync(read, "old-secret-1234", clock)).IsValid);
        Assert.True((await VerifyAsync(read, "new-secret-5678", clock)).IsValid);
    }

    [Theory, BothDatabases]
    public async Task Rotate_Twice_OnlyTheSecretJustReplacedOverlaps(DatabaseKind kind)
    {
        var database = (await databases.GetAsync(kind)).Database;
        var clock = TestClock.Create();
        var store = new WebhookStore(database, clock);
        var source = await SignedSourceAsync(store, database, "first-secret-1");
        var second = (await store.RotateSigningSecretAsync(source.OrganizationId, source.SourceId, Protect(source, "second-secret-2"), TimeSpan.FromDays(7), default))!;
        clock.Advance(TimeSpan.FromHours(1));

        await store.RotateSigningSecretAsync(second.OrganizationId, second.SourceId, Protect(source, "third-secret-3"), TimeSpan.FromHours(2), default);
        var read = (await store.GetSourceAsync(source.OrganizationId, source.SourceId, default))!;

        Assert.False((await VerifyAsync(read, "first-secret-1", clock)).IsValid);
        Assert.True((await VerifyAsync(read, "second-secret-2", clock)).IsValid);
        Assert.True((await VerifyAsync(read, "third-secret-3", clock)).IsValid);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddHours(2), read.PreviousSecretExpiresAt);
    }

    private async Task<WebhookSource> SignedSourceAsync(WebhookStore store, Infrastructure.Data.Database database, string secret)
    {
        var organization = await TestData.OrganizationAsync(database);
        var source = await store.CreateSourceAsync(organization.OrganizationId, "Billing", "generic", SignatureSchemes.HmacSha256, null, null, false, default);
        var signed = await store.ChangeSourceAsync(source.OrganizationId, source.SourceId, s => Task.FromResult(s with { SigningSecret = Protect(s, secret) }), default);
        return Assert.IsType<SourceChange>(signed).After;
    }

    private string Protect(WebhookSource source, string secret) =>
        _secrets.Protect(secret, WebhookAuthentication.SigningSecretContext(source.OrganizationId, source.SourceId));

    private async Task<SignatureResult> VerifyAsync(WebhookSource source, string signedWith, TimeProvider clock)
    {
        var headers = new HeaderDictionary { ["X-Webhook-Signature"] = HmacSha256SignatureVerifier.Sign(Body, signedWith, clock.GetUtcNow()) };
        var delivery = new SignedDelivery(Body, headers, ["https://ai.example.test/api/v1/webhook/acme"], clock.GetUtcNow());
        return await SourceSignature.VerifyAsync(source, _secrets, _verifier, delivery, default);
    }
}
