using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Connections.ConnectTokens;

/// <summary>
/// <c>/api/admin/organizations/{id}/connect-tokens</c>: an organization's connect links. Reads need a
/// viewer, writes an admin; token and link are in the 201 body of the creation only, and only a hash is stored.
/// </summary>
internal static class ConnectTokenEndpoints
{
    public const int DefaultDays = 7;
    public const int MaxDays = 90;
    public const string NotFoundCode = "CONNECT_TOKEN_NOT_FOUND";

    public static RouteGroupBuilder MapConnectTokenEndpoints(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/organizations/{id}/connect-tokens", "Admin Credentials");
        group.MapGet("", ListAsync).WithName("ListConnectTokens")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode);
        group.MapPost("", CreateAsync).WithName("CreateConnectToken").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode)
            .ProducesProblemCodes(StatusCodes.Status409Conflict, OrganizationErrors.InactiveCode);
        group.MapPost("/{tokenId}/revoke", RevokeAsync).WithName("RevokeConnectToken").RequireAdmin()
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode, NotFoundCode);
        return group;
    }

    internal static async Task<Ok<ApiResponse<IReadOnlyList<ConnectTokenView>>>> ListAsync(
        string id, OrganizationStore organizations, ConnectTokenStore tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var list = await tokens.ListAsync(id, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of<IReadOnlyList<ConnectTokenView>>([.. list.Select(t => ConnectTokenView.From(t, now))]));
    }

    /// <summary>The body is optional: without one the link lasts <see cref="DefaultDays"/> days.</summary>
    internal static async Task<Created<ApiResponse<CreatedConnectTokenView>>> CreateAsync(
        string id, CreateConnectTokenRequest? request, HttpContext http, OrganizationStore organizations, ConnectTokenStore tokens,
        HttpOptions httpOptions, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var organization = await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var days = request?.ExpiresInDays ?? DefaultDays;
        if (days is < 1 or > MaxDays)
        {
            throw ApiException.Validation(new Dictionary<string, string[]> { ["expiresInDays"] = [$"must be between 1 and {MaxDays}"] });
        }

        OrganizationErrors.RequireActive(organization);
        var now = time.GetUtcNow().UtcDateTime;
        var token = SecretTokens.New(SecretTokens.ConnectTokenPrefix);
        var actor = http.User.FindFirst("sub")?.Value;
        // Whole seconds: the expiry reads back the same from either database, whatever its fractional precision.
        var expiresAt = now.AddDays(days).AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var stored = await tokens.CreateAsync(id, SecretTokens.Hash(token), expiresAt, actor is null ? "admin" : "admin:" + actor, cancellationToken,
            (transaction, stored) => audit.RecordAsync(transaction, AuditActor.Operator(http), Audited("connect_token.created", id, stored.TokenId) with
            {
                Details = new JsonObject { ["expiresAt"] = stored.ExpiresAt, ["expiresInDays"] = days },
            }, cancellationToken));
        http.Response.NoStore();
        var link = ConnectLink(httpOptions, token);
        return TypedResults.Created((string?)null, ApiResponse.Of(new CreatedConnectTokenView(token, link, ConnectTokenView.From(stored, now))));
    }

    internal static async Task<Ok<ApiResponse<ConnectTokenView>>> RevokeAsync(
        string id, string tokenId, HttpContext http, OrganizationStore organizations, ConnectTokenStore tokens, AuditTrail audit,
        TimeProvider time, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        await FindAsync(tokens, id, tokenId, cancellationToken);
        // Revoking twice changes nothing, so only the first revocation is an audited write.
        await tokens.RevokeAsync(id, tokenId, cancellationToken,
            transaction => audit.RecordAsync(transaction, AuditActor.Operator(http), Audited("connect_token.revoked", id, tokenId), cancellationToken));

        var current = await FindAsync(tokens, id, tokenId, cancellationToken);
        return TypedResults.Ok(ApiResponse.Of(ConnectTokenView.From(current, time.GetUtcNow().UtcDateTime)));
    }

    /// <summary>
    /// The link a client opens: the service's connect page, which says what will be connected and then hands over
    /// to <see cref="StartLink"/>. The same shape as the <c>create-connect-link</c> command prints.
    /// </summary>
    public static Uri ConnectLink(HttpOptions httpOptions, string token) => new(httpOptions.ApiBaseUrl, $"/connect/{token}");

    /// <summary>The link of a reconnect alert: the same token, on a page that says the connection broke.</summary>
    public static Uri ReconnectLink(HttpOptions httpOptions, string token) => new(httpOptions.ApiBaseUrl, $"/reconnect/{token}");

    /// <summary>The route that redeems the token and goes to Intuit; links handed out before the connect page still use it.</summary>
    public static string StartLink(string token) => $"/api/v1/connect/token/{Uri.EscapeDataString(token)}";

    // An organization has a handful of links, so its list is the lookup by id.
    private static async Task<ConnectToken> FindAsync(ConnectTokenStore tokens, string organizationId, string tokenId, CancellationToken cancellationToken) =>
        (await tokens.ListAsync(organizationId, cancellationToken)).FirstOrDefault(t => t.TokenId == tokenId)
        ?? throw ApiException.NotFound(NotFoundCode, "Connect token not found.");

    private static AuditAction Audited(string action, string organizationId, string tokenId) =>
        new("connect_token", action) { OrganizationId = organizationId, TargetType = "connect_token", TargetId = tokenId };
}
