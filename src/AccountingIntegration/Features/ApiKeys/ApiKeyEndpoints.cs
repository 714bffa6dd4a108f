using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.ApiKeys;

/// <summary>
/// <c>/api/admin/organizations/{id}/api-keys</c>: an organization's API keys. Reads need a viewer,
/// writes an admin; the key is in the 201 body of its creation and nowhere else, and only its hash is stored.
/// </summary>
internal static class ApiKeyEndpoints
{
    public const int MaxNameLength = 200;
    public const string NotFoundCode = "API_KEY_NOT_FOUND";

    public static RouteGroupBuilder MapApiKeys(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/organizations/{id}/api-keys", "Admin Credentials");
        group.MapGet("", ListAsync).WithName("ListApiKeys")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode);
        group.MapPost("", CreateAsync).WithName("CreateApiKey").RequireAdmin()
            .WithDescription("Creates a key for the whole organization, or with sourceId one bound to that webhook source: it sends webhooks "
                             + "to that source and lists and reads that source's payloads; every other organization route answers it 403 KEY_SCOPE_FORBIDDEN.")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, OrganizationErrors.InactiveCode);
        group.MapPost("/{keyId}/revoke", RevokeAsync).WithName("RevokeApiKey").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode, NotFoundCode);
        return group;
    }

    internal static async Task<Ok<ApiResponse<IReadOnlyList<ApiKeyView>>>> ListAsync(
        string id, OrganizationStore organizations, ApiKeyStore keys, TimeProvider time, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var list = await keys.ListAsync(id, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of<IReadOnlyList<ApiKeyView>>([.. list.Select(k => ApiKeyView.From(k, now))]));
    }

    internal static async Task<Created<ApiResponse<CreatedApiKeyView>>> CreateAsync(
        string id, CreateApiKeyRequest request, HttpContext http, OrganizationStore organizations, IOrganizationSources sources, ApiKeyStore keys,
        AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var organization = await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
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

        if (request.SourceId is not null && await sources.FindAsync(id, request.SourceId, cancellationToken) is null)
        {
            errors["sourceId"] = ["must be one of this organization's sources"];
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }

        OrganizationErrors.RequireActive(organization);
        var key = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        // The audit names the key by id; the key itself never reaches a log or the audit trail.
        var stored = await keys.CreateAsync(id, request.SourceId, request.Name!.Trim(), SecretTokens.DisplayPrefix(key), SecretTokens.Hash(key), expiresAt,
            cancellationToken, (transaction, stored) => audit.RecordAsync(transaction, AuditActor.Operator(http), Audited("api_key.created", id, stored.KeyId) with
            {
                Details = new JsonObject { ["name"] = stored.Name, ["sourceId"] = stored.SourceId, ["expiresAt"] = stored.ExpiresAt },
            }, cancellationToken));
        http.Response.NoStore();
        return TypedResults.Created((string?)null, ApiResponse.Of(new CreatedApiKeyView(key, ApiKeyView.From(stored, now))));
    }

    /// <summary>Revokes the key and drops it from this instance's authentication cache, so it fails from the next request on.</summary>
    internal static async Task<Ok<ApiResponse<ApiKeyView>>> RevokeAsync(
        string id, string keyId, HttpContext http, OrganizationStore organizations, ApiKeyStore keys, ApiKeyAuthenticator authenticator,
        AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var key = await keys.GetAsync(id, keyId, cancellationToken) ?? throw ApiException.NotFound(NotFoundCode, "API key not found.");
        var now = time.GetUtcNow().UtcDateTime;
        // Revoking twice changes nothing, so only the first revocation is an audited write.
        await keys.RevokeAsync(id, keyId, now, cancellationToken, transaction => audit.RecordAsync(transaction, AuditActor.Operator(http),
            Audited("api_key.revoked", id, keyId) with { Details = new JsonObject { ["name"] = key.Name } }, cancellationToken));
        authenticator.Evict(key.KeyHash);

        var current = await keys.GetAsync(id, keyId, cancellationToken) ?? key;
        return TypedResults.Ok(ApiResponse.Of(ApiKeyView.From(current, now)));
    }

    private static AuditAction Audited(string action, string organizationId, string keyId) =>
        new("api_key", action) { OrganizationId = organizationId, TargetType = "api_key", TargetId = keyId };
}
