using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.Extensions;
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
    HttpOptions http,
    IMemoryCache cache,
    TimeProvider time)
{
    public static readonly TimeSpan LookupCacheFor = TimeSpan.FromSeconds(5);

    public async Task<WebhookSender> AuthenticateAsync(HttpRequest request, string slug, string? pathSourceId, byte[] body, CancellationToken cancellationToken)
    {
        var organization = await OrganizationAsync(slug, cancellationToken);
        var presentedKey = request.Headers[CredentialHeaders.ApiKey].ToString();
        if (presentedKey.Length > 0)
        {
            var key = await apiKeys.AuthenticateRequestAsync(request.HttpContext, cancellationToken) ?? throw TenantErrors.KeyInvalid();
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

        var delivery = new SignedDelivery(body, request.Headers, DeliveryUrls(request), time.GetUtcNow());
        var result = await SourceSignature.VerifyAsync(signedSource, secrets, signatures, delivery, cancellationToken);
        return result.IsValid
            ? new WebhookSender(organization, signedSource, null)
            : throw IngestErrors.InvalidSignature(result.Message);
    }

    /// <summary>
    /// The URL the sender posted to, as it may have registered it: on the service's public address (what the console's
    /// setup instructions give out), then as this request reached the process, when that differs.
    /// </summary>
    internal IReadOnlyList<string> DeliveryUrls(HttpRequest request)
    {
        var pathAndQuery = request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        var published = new Uri(http.ApiBaseUrl, pathAndQuery).AbsoluteUri;
        var reached = request.GetEncodedUrl();
        return published == reached ? [published] : [published, reached];
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

    /// <summary>The active source the path names (or the organization's default), for a request that carries no credential to check.</summary>
    public async Task<WebhookSource> FindPathSourceAsync(string slug, string? pathSourceId, CancellationToken cancellationToken)
    {
        var organization = await OrganizationAsync(slug, cancellationToken);
        return await FindSourceAsync(organization.OrganizationId, pathSourceId, cancellationToken);
    }

    private async Task<Organization> OrganizationAsync(string slug, CancellationToken cancellationToken) =>
        await CachedAsync("ingest-org:" + slug, () => organizations.GetBySlugAsync(slug, cancellationToken)) ?? throw TenantErrors.NotFound();

    private async Task<WebhookSource> FindSourceAsync(string organizationId, string? sourceId, CancellationToken cancellationToken)
    {
        var source = await CachedAsync($"ingest-source:{organizationId}:{sourceId}", () => sourceId is null
            ? webhooks.GetDefaultSourceAsync(organizationId, cancellationToken)
            : webhooks.GetSourceAsync(organizationId, sourceId, cancellationToken));
        return source is { IsActive: true } ? source : throw IngestErrors.SourceNotFound();
    }
}
