using System.Text.Json.Nodes;
using AccountingIntegration.Features.Admin.Organizations;
using AccountingIntegration.Features.ApiKeys;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Admin.Keys;

/// <summary>API keys of one organization: list, create (the key is in that answer and nowhere else), revoke.</summary>
internal static class AdminApiKeyEndpoints
{
    public const int MaxNameLength = 200;

    internal static async Task<Ok<ApiResponse<IReadOnlyList<ApiKeyView>>>> ListAsync(
        string id, OrganizationStore organizations, ApiKeyStore keys, TimeProvider time, CancellationToken cancellationToken)
    {
        await AdminOrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var list = await keys.ListAsync(id, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of<IReadOnlyList<ApiKeyView>>([.. list.Select(k => ApiKeyView.From(k, now))]));
    }

    internal static async Task<Created<ApiResponse<CreatedApiKeyView>>> CreateAsync(
        string id, CreateApiKeyRequest request, HttpContext http, OrganizationStore organizations, WebhookStore webhooks, ApiKeyStore keys,
        AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var organization = await AdminOrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var expiresAt = request.ExpiresAt?.ToUniversalTime();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"is required, at most {MaxNameLength} characters"];
        }

        if (expiresAt is not null && expiresAt <= now)
        {
            errors["expiresAt"] = ["must be in the future"];
        }

        if (request.SourceId is not null && await webhooks.GetSourceAsync(id, request.SourceId, cancellationToken) is null)
        {
            errors["sourceId"] = ["must be one of this organization's sources"];
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }

        KeyRules.RequireActive(organization);
        var key = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        var stored = await keys.CreateAsync(id, request.SourceId, request.Name!.Trim(), SecretTokens.DisplayPrefix(key), SecretTokens.Hash(key), expiresAt, cancellationToken);

        // The audit names the key by id; the key itself never reaches a log or the audit trail.
        await AdminAudit.RecordAsync(audit, http, id, "api_key", "api_key.created", "api_key", stored.KeyId,
            new JsonObject { ["name"] = stored.Name, ["sourceId"] = stored.SourceId, ["expiresAt"] = stored.ExpiresAt }, cancellationToken);
        KeyRules.NoStore(http);
        return TypedResults.Created((string?)null, ApiResponse.Of(new CreatedApiKeyView(key, ApiKeyView.From(stored, now))));
    }

    /// <summary>Revokes the key and drops it from this instance's authentication cache, so it fails from the next request on.</summary>
    internal static async Task<Ok<ApiResponse<ApiKeyView>>> RevokeAsync(
        string id, string keyId, HttpContext http, OrganizationStore organizations, ApiKeyStore keys, ApiKeyAuthenticator authenticator,
        AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        await AdminOrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var key = await keys.GetAsync(id, keyId, cancellationToken) ?? throw ApiException.NotFound("API_KEY_NOT_FOUND", "API key not found.");
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = await keys.RevokeAsync(id, keyId, now, cancellationToken);
        authenticator.Evict(key.KeyHash);

        // Revoking twice changes nothing, so only the first revocation is an audited write.
        if (revoked)
        {
            await AdminAudit.RecordAsync(audit, http, id, "api_key", "api_key.revoked", "api_key", keyId, new JsonObject { ["name"] = key.Name }, cancellationToken);
        }

        var current = await keys.GetAsync(id, keyId, cancellationToken) ?? key;
        return TypedResults.Ok(ApiResponse.Of(ApiKeyView.From(current, now)));
    }
}
