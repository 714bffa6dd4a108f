using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>Who sent a webhook and for which source: established before anything is stored.</summary>
internal sealed record WebhookSender(Organization Organization, WebhookSource Source, string? ApiKeyId);

/// <summary>
/// Authenticates a webhook (SPEC §6.1): the organization's X-API-Key (a key bound to a source
/// selects it; otherwise the path's source, otherwise the default source), or, without a key,
/// the source's own signature scheme verified over the raw bytes with its decrypted secret.
/// The organization and source are cached for <see cref="LookupCacheFor"/>: webhooks come in bursts,
/// and two database reads per delivery would cost more than the write. A deactivated organization
/// or source may therefore still accept webhooks for that long on an instance that just served it.
/// </summary>
internal sealed class WebhookAuthentication(
    OrganizationStore organizations,
    ApiKeyAuthenticator apiKeys,
    WebhookStore webhooks,
    WebhookSignatureVerifier signatures,
    SecretProtector secrets,
    IMemoryCache cache,
    TimeProvider time)
{
    public static readonly TimeSpan LookupCacheFor = TimeSpan.FromSeconds(5);

    public async Task<WebhookSender> AuthenticateAsync(HttpRequest request, string slug, string? pathSourceId, byte[] body, CancellationToken cancellationToken)
    {
        var organization = await CachedAsync("ingest-org:" + slug, () => organizations.GetBySlugAsync(slug, cancellationToken))
                           ?? throw TenantErrors.NotFound();
        var presentedKey = request.Headers[CredentialHeaders.ApiKey].ToString();
        if (presentedKey.Length > 0)
        {
            var key = await apiKeys.AuthenticateAsync(presentedKey, cancellationToken) ?? throw TenantErrors.KeyInvalid();
            if (key.OrganizationId != organization.OrganizationId)
            {
                throw TenantErrors.NotFound();
            }

            if (key.SourceId is not null && pathSourceId is not null && key.SourceId != pathSourceId)
            {
                throw IngestErrors.SourceNotAllowed();
            }

            var source = await FindSourceAsync(organization.OrganizationId, key.SourceId ?? pathSourceId, cancellationToken);
            return new WebhookSender(organization, source, key.KeyId);
        }

        var signedSource = await FindSourceAsync(organization.OrganizationId, pathSourceId, cancellationToken);
        if (signedSource.SignatureScheme == SignatureSchemes.None || signedSource.SigningSecret is null)
        {
            throw IngestErrors.CredentialRequired();
        }

        var result = SourceSignature.Verify(signedSource, secrets, signatures, body, request.Headers, time.GetUtcNow());
        return result.IsValid
            ? new WebhookSender(organization, signedSource, null)
            : throw IngestErrors.InvalidSignature(result.Message);
    }

    /// <summary>Only found rows are cached, so something created a moment ago is seen at once.</summary>
    private async Task<T?> CachedAsync<T>(string key, Func<Task<T?>> load)
        where T : class
    {
        if (cache.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }

        var loaded = await load();
        if (loaded is not null)
        {
            cache.Set(key, loaded, LookupCacheFor);
        }

        return loaded;
    }

    /// <summary>
    /// Drops this instance's cached copy of a source (and of the default source), so a change made here (a rotated
    /// secret, a deactivation) applies to the next delivery. Other instances see it within <see cref="LookupCacheFor"/>.
    /// </summary>
    public static void Forget(IMemoryCache cache, string organizationId, string sourceId)
    {
        cache.Remove($"ingest-source:{organizationId}:{sourceId}");
        cache.Remove($"ingest-source:{organizationId}:");
    }

    /// <summary>The encryption context of a source's signing secret: it only decrypts for that source.</summary>
    public static string SigningSecretContext(string organizationId, string sourceId) => $"webhook_sources.signing_secret:{organizationId}:{sourceId}";

    private async Task<WebhookSource> FindSourceAsync(string organizationId, string? sourceId, CancellationToken cancellationToken)
    {
        var source = await CachedAsync($"ingest-source:{organizationId}:{sourceId}", () => sourceId is null
            ? webhooks.GetDefaultSourceAsync(organizationId, cancellationToken)
            : webhooks.GetSourceAsync(organizationId, sourceId, cancellationToken));
        return source is { IsActive: true } ? source : throw IngestErrors.SourceNotFound();
    }
}
