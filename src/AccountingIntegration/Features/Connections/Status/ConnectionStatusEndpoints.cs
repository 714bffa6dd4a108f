using System.Diagnostics;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Connections.Status;

/// <summary>An organization's own view of its QBO connection: status, live health check, disconnect.</summary>
internal static partial class ConnectionStatusEndpoints
{
    public static void MapConnectionStatusEndpoints(this TenantRouteGroup tenant)
    {
        tenant.Routes.MapGet("/status", GetStatusAsync).WithName("GetOrganizationStatus");
        tenant.Routes.MapGet("/health", GetHealthAsync).WithName("GetOrganizationHealth");
        tenant.Routes.MapPost("/disconnect", DisconnectAsync).WithName("DisconnectOrganization")
            .ProducesProblemCodes(StatusCodes.Status409Conflict, QboNotConnectedException.ErrorCode);
    }

    internal static async Task<Ok<ApiResponse<ConnectionStatusView>>> GetStatusAsync(TenantContext tenant, OAuthTokenStore connections, CancellationToken cancellationToken)
    {
        var organization = tenant.Organization;
        var connection = await connections.GetActiveConnectionAsync(tenant.OrganizationId, cancellationToken);
        var status = connection?.SyncStatus ?? QboNotConnectedException.NotConnected;
        return TypedResults.Ok(ApiResponse.Of(new ConnectionStatusView(
            organization.Slug, organization.Name, organization.PlanTier,
            status == ConnectionStatus.Connected, status, status == ConnectionStatus.RefreshFailed,
            connection?.RealmId, connection?.CompanyName, connection?.AccessExpiresAt, connection?.RefreshExpiresAt,
            connection?.CreatedAt, connection?.LastError)));
    }

    /// <summary>Calls QBO with the stored tokens (refreshing them if due) and reports what happened.</summary>
    internal static async Task<Ok<ApiResponse<ConnectionHealthView>>> GetHealthAsync(
        TenantContext tenant, TokenManager tokens, QboClient qbo, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            var token = await tokens.GetValidTokenAsync(tenant.OrganizationId, cancellationToken);
            var info = await CompanyInfoAsync(tenant.OrganizationId, token, tokens, qbo, cancellationToken);
            return Health(new ConnectionHealthView(true, ConnectionStatus.Connected, token.RealmId, (string?)info["CompanyName"], Elapsed(), null));
        }
        catch (QboNotConnectedException e)
        {
            return Health(new ConnectionHealthView(false, e.Reason, null, null, Elapsed(), e.Message));
        }
        catch (Exception e) when (e is QboApiException or IntuitOAuthException)
        {
            return Health(new ConnectionHealthView(false, "qbo_error", null, null, Elapsed(), e.Message));
        }
    }

    /// <summary>
    /// The company's info, read live. A token QBO rejects before its time gets one refresh; rejected again, the
    /// connection is marked for reconnection (and this throws <see cref="QboNotConnectedException"/>), so /status never
    /// says connected while this fails with 401.
    /// </summary>
    private static async Task<JsonObject> CompanyInfoAsync(string organizationId, ValidToken token, TokenManager tokens, QboClient qbo,
        CancellationToken cancellationToken)
    {
        for (var renewals = 0; ; renewals++)
        {
            try
            {
                return await qbo.GetCompanyInfoAsync(new QboCredentials(token.RealmId, token.AccessToken), cancellationToken);
            }
            catch (QboApiException e) when (e.Kind == QboErrorKind.Authentication && renewals < 2)
            {
                token = await tokens.RenewRejectedAsync(organizationId, token.AccessToken, cancellationToken);
            }
        }
    }

    /// <summary>Revokes the tokens at Intuit, then marks the connection revoked; nothing else is deleted.</summary>
    internal static async Task<Ok<ApiResponse<DisconnectResult>>> DisconnectAsync(
        TenantContext tenant, HttpContext http, OAuthTokenStore connections, TokenProtection protection, IntuitOAuthClient oauth,
        AuditTrail audit, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var connection = await connections.GetActiveConnectionAsync(tenant.OrganizationId, cancellationToken)
                         ?? throw new QboNotConnectedException(tenant.OrganizationId, QboNotConnectedException.NotConnected);
        var revoked = true;
        try
        {
            await oauth.RevokeAsync(protection.UnprotectRefresh(connection), cancellationToken);
        }
        catch (IntuitOAuthException e)
        {
            // A token Intuit no longer knows is as good as revoked; anything else is logged and
            // the local connection is still closed, so no more invoices go to that company.
            revoked = e.IsInvalidGrant;
            LogRevokeFailed(loggers.CreateLogger(typeof(ConnectionStatusEndpoints)), tenant.OrganizationId, connection.RealmId, e.Error);
        }

        await connections.MarkStatusAsync(connection.TokenId, ConnectionStatus.Revoked, "Disconnected by the organization.", cancellationToken,
            alongside: transaction => audit.RecordAsync(transaction, tenant.AuditActor(http),
                CompanyAudit.Action("connection.disconnected", tenant.OrganizationId, connection.RealmId, ("revokedAtIntuit", revoked)), cancellationToken));
        return TypedResults.Ok(ApiResponse.Of(new DisconnectResult(true, connection.RealmId, revoked)));
    }

    private static Ok<ApiResponse<ConnectionHealthView>> Health(ConnectionHealthView view) => TypedResults.Ok(ApiResponse.Of(view));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoking QBO tokens at Intuit failed for organization {OrganizationId}, realm {RealmId}: {Error}")]
    private static partial void LogRevokeFailed(ILogger logger, string organizationId, string realmId, string error);
}
