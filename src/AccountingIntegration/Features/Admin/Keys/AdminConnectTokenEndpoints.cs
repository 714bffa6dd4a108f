using System.Text.Json.Nodes;
using AccountingIntegration.Features.Admin.Organizations;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Admin.Keys;

/// <summary>Connect links of one organization: list, create (token and link are in that answer only), revoke.</summary>
internal static class AdminConnectTokenEndpoints
{
    public const int DefaultDays = 7;
    public const int MaxDays = 90;

    internal static async Task<Ok<ApiResponse<IReadOnlyList<ConnectTokenView>>>> ListAsync(
        string id, OrganizationStore organizations, ConnectTokenStore tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        await AdminOrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var list = await tokens.ListAsync(id, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of<IReadOnlyList<ConnectTokenView>>([.. list.Select(t => ConnectTokenView.From(t, now))]));
    }

    /// <summary>The body is optional: without one the link lasts <see cref="DefaultDays"/> days.</summary>
    internal static async Task<Created<ApiResponse<CreatedConnectTokenView>>> CreateAsync(
        string id, CreateConnectTokenRequest? request, HttpContext http, OrganizationStore organizations, ConnectTokenStore tokens,
        HttpOptions httpOptions, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var organization = await AdminOrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var days = request?.ExpiresInDays ?? DefaultDays;
        if (days is < 1 or > MaxDays)
        {
            throw ApiException.Validation(new Dictionary<string, string[]> { ["expiresInDays"] = [$"must be between 1 and {MaxDays}"] });
        }

        KeyRules.RequireActive(organization);
        var now = time.GetUtcNow().UtcDateTime;
        var token = SecretTokens.New(SecretTokens.ConnectTokenPrefix);
        var actor = http.User.FindFirst("sub")?.Value;
        // Whole seconds: the expiry reads back the same from either database, whatever its fractional precision.
        var expiresAt = now.AddDays(days).AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var stored = await tokens.CreateAsync(id, SecretTokens.Hash(token), expiresAt, actor is null ? "admin" : "admin:" + actor, cancellationToken);
        await AdminAudit.RecordAsync(audit, http, id, "connect_token", "connect_token.created", "connect_token", stored.TokenId,
            new JsonObject { ["expiresAt"] = stored.ExpiresAt, ["expiresInDays"] = days }, cancellationToken);
        KeyRules.NoStore(http);
        var link = ConnectLink(httpOptions, token);
        return TypedResults.Created((string?)null, ApiResponse.Of(new CreatedConnectTokenView(token, link, ConnectTokenView.From(stored, now))));
    }

    internal static async Task<Ok<ApiResponse<ConnectTokenView>>> RevokeAsync(
        string id, string tokenId, HttpContext http, OrganizationStore organizations, ConnectTokenStore tokens, AuditTrail audit,
        TimeProvider time, CancellationToken cancellationToken)
    {
        await AdminOrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        await FindAsync(tokens, id, tokenId, cancellationToken);
        if (await tokens.RevokeAsync(id, tokenId, cancellationToken))
        {
            await AdminAudit.RecordAsync(audit, http, id, "connect_token", "connect_token.revoked", "connect_token", tokenId, null, cancellationToken);
        }

        var current = await FindAsync(tokens, id, tokenId, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of(ConnectTokenView.From(current, time.GetUtcNow().UtcDateTime)));
    }

    /// <summary>The link a client opens; the same shape as the <c>create-connect-link</c> command prints.</summary>
    public static Uri ConnectLink(HttpOptions httpOptions, string token) => new(httpOptions.ApiBaseUrl, $"/api/v1/connect/token/{token}");

    // An organization has a handful of links, so its list is the lookup by id.
    private static async Task<ConnectToken> FindAsync(ConnectTokenStore tokens, string organizationId, string tokenId, CancellationToken cancellationToken) =>
        (await tokens.ListAsync(organizationId, cancellationToken)).FirstOrDefault(t => t.TokenId == tokenId)
        ?? throw ApiException.NotFound("CONNECT_TOKEN_NOT_FOUND", "Connect token not found.");
}
