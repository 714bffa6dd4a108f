using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Connections.ConnectTokens;
using AccountingIntegration.Features.Connections.OAuth;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.AspNetCore.WebUtilities;

namespace AccountingIntegration.Features.Connections.Connect;

/// <summary>
/// Completes the OAuth flow (SPEC §6–§7): verifies the signed single-use state and the browser it is bound to, spends the connect
/// token that started it, exchanges the code, reads CompanyInfo, stores the encrypted tokens,
/// audits, tells the subscribers (<see cref="ICompanyConnectedHandler"/>: waiting payloads wake up),
/// and answers with the FRONTEND_URL redirect carrying the result. Every failure is a redirect with an error code.
/// </summary>
internal sealed partial class ConnectionCallback(
    OAuthStateService states,
    ConnectTokenStore connectTokens,
    OrganizationStore organizations,
    IntuitOAuthClient oauth,
    QboClient qbo,
    OAuthTokenStore connections,
    TokenProtection protection,
    IEnumerable<ICompanyConnectedHandler> subscribers,
    AuditTrail audit,
    HttpOptions http,
    QboOptions qboOptions,
    TimeProvider time,
    ILogger<ConnectionCallback> logger)
{
    public async Task<Uri> CompleteAsync(string? code, string? state, string? realmId, string? error, HttpContext request, CancellationToken cancellationToken)
    {
        var ip = request.Connection.RemoteIpAddress?.ToString();
        if (!string.IsNullOrEmpty(error))
        {
            // Refused consent still spends the state so the link cannot be replayed.
            var refused = await states.VerifyAndConsumeAsync(state, cancellationToken);
            var refusedOrganization = refused.State is null ? null : await organizations.GetByIdAsync(refused.State.OrganizationId, cancellationToken);
            return Redirect(false, error == OAuthErrorCodes.AccessDenied ? OAuthErrorCodes.AccessDenied : OAuthErrorCodes.AuthorizationFailed, refusedOrganization);
        }

        var (verified, stateError) = await states.VerifyAndConsumeAsync(state, cancellationToken);
        if (verified is null)
        {
            return Redirect(false, stateError!, null);
        }

        // Checked after the state is spent: a state that reached the wrong browser cannot be tried again.
        if (!OAuthBrowserBinding.Matches(request, verified.BindingHash))
        {
            LogNotBound(logger, verified.OrganizationId);
            return Redirect(false, OAuthErrorCodes.StateNotBound, null);
        }

        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(realmId))
        {
            return Redirect(false, OAuthErrorCodes.MissingCode, null);
        }

        var organization = await organizations.GetByIdAsync(verified.OrganizationId, cancellationToken);
        if (organization is not { IsActive: true })
        {
            return Redirect(false, OAuthErrorCodes.OrganizationInactive, null);
        }

        var actor = new AuditActor(verified.ConnectTokenId is null ? "api" : "connect_token", verified.ConnectTokenId, ip);
        var sharers = await OtherActiveHoldersAsync(realmId, organization.OrganizationId, cancellationToken);
        if (sharers.Count > 0)
        {
            if (qboOptions.SharedCompanyPolicy == SharedCompanyPolicy.Refuse)
            {
                LogSharedRefused(logger, organization.OrganizationId, realmId);
                return Redirect(false, OAuthErrorCodes.CompanyAlreadyConnected, organization);
            }

            LogSharedAllowed(logger, organization.OrganizationId, realmId, sharers.Count);
        }

        var redeemedAt = time.GetUtcNow().UtcDateTime;
        if (verified.ConnectTokenId is { } tokenId && !await connectTokens.TryMarkUsedAsync(tokenId, redeemedAt, cancellationToken))
        {
            return Redirect(false, OAuthErrorCodes.ConnectTokenUsed, organization);
        }

        // Redeemed before the exchange, so two browsers finishing with one link cannot both connect; given back when
        // the connection fails before anything is stored, as the page then asks the client to open the link again. When
        // even that cannot be written (the database out of reach), the page says the link is spent, not a bare 500.
        async Task<Uri> NotConnectedAsync(string error)
        {
            if (verified.ConnectTokenId is { } redeemed)
            {
                try
                {
                    await connectTokens.GiveBackAsync(redeemed, redeemedAt, CancellationToken.None);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogGiveBackFailed(logger, organization.OrganizationId, error, e);
                    return Redirect(false, OAuthErrorCodes.ConnectLinkSpent, organization);
                }
            }

            return Redirect(false, error, organization);
        }

        IntuitTokenResponse tokens;
        try
        {
            tokens = await oauth.ExchangeCodeAsync(code, cancellationToken);
        }
        catch (IntuitOAuthException e)
        {
            LogExchangeFailed(logger, organization.OrganizationId, e.Error, e.IntuitTid);
            return await NotConnectedAsync(OAuthErrorCodes.ExchangeFailed);
        }

        string? companyName;
        try
        {
            var info = await qbo.GetCompanyInfoAsync(new QboCredentials(realmId, tokens.AccessToken), cancellationToken);
            companyName = (string?)info["CompanyName"];
        }
        catch (QboApiException e)
        {
            LogCompanyInfoFailed(logger, organization.OrganizationId, realmId, e.Kind.ToString(), e.Code);
            return await NotConnectedAsync(OAuthErrorCodes.CompanyInfoFailed);
        }

        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            await connections.SaveConnectionAsync(
                organization.OrganizationId, realmId,
                protection.ProtectAccess(organization.OrganizationId, realmId, tokens.AccessToken),
                protection.ProtectRefresh(organization.OrganizationId, realmId, tokens.RefreshToken),
                now.AddSeconds(tokens.ExpiresIn), now.AddSeconds(tokens.RefreshTokenExpiresIn), companyName, cancellationToken,
                (transaction, connectionId) => RecordConnectedAsync(transaction, actor, organization.OrganizationId, realmId, companyName, connectionId, sharers,
                    cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was stored (the tokens and their audit entry commit together): the client is told so, and keeps the link.
            LogSaveFailed(logger, organization.OrganizationId, realmId, e);
            return await NotConnectedAsync(OAuthErrorCodes.ConnectionNotSaved);
        }

        LogConnected(logger, organization.OrganizationId, realmId);
        await PublishAsync(new CompanyConnected(organization.OrganizationId, realmId), cancellationToken);
        return Redirect(true, null, organization, realmId);
    }

    /// <summary>
    /// The connect's audit entry, and the warning that other organizations hold the company too, written in the transaction
    /// that stores the tokens: both are there exactly when the company is connected.
    /// </summary>
    private async Task RecordConnectedAsync(DatabaseTransaction transaction, AuditActor actor, string organizationId, string realmId, string? companyName,
        string connectionId, IReadOnlyList<string> sharers, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(transaction, actor,
            CompanyAudit.Action("connection.connected", organizationId, realmId, ("companyName", companyName), ("connectionId", connectionId)), cancellationToken);
        if (sharers.Count > 0)
        {
            await audit.RecordAsync(transaction, actor, CompanyAudit.Action("connection.shared_company", organizationId, realmId,
                ("alsoConnectedTo", new JsonArray([.. sharers.Select(o => JsonValue.Create(o))]))), cancellationToken);
        }
    }

    /// <summary>
    /// Active organizations other than <paramref name="organizationId"/> holding a live connection to the
    /// company. Checked before anything is spent or stored, so a refusal leaves no trace but the log.
    /// </summary>
    private async Task<List<string>> OtherActiveHoldersAsync(string realmId, string organizationId, CancellationToken cancellationToken)
    {
        var holders = new List<string>();
        foreach (var other in await connections.ListOrganizationsForRealmAsync(realmId, cancellationToken))
        {
            if (other != organizationId && await organizations.GetByIdAsync(other, cancellationToken) is { IsActive: true })
            {
                holders.Add(other);
            }
        }

        return holders;
    }

    /// <summary>The connection is stored whatever a subscriber does: a failing one is logged, not shown to the user.</summary>
    private async Task PublishAsync(CompanyConnected connected, CancellationToken cancellationToken)
    {
        foreach (var subscriber in subscribers)
        {
            try
            {
                await subscriber.HandleAsync(connected, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSubscriberFailed(logger, subscriber.GetType().Name, connected.OrganizationId, e);
            }
        }
    }

    private Uri Redirect(bool connected, string? error, Organization? organization, string? realmId = null)
    {
        var query = new Dictionary<string, string?> { ["connected"] = connected ? "true" : "false" };
        if (error is not null)
        {
            query["error"] = error;
        }

        if (organization is not null)
        {
            query["org"] = organization.Slug;
        }

        if (realmId is not null)
        {
            query["realmId"] = realmId;
        }

        return new Uri(QueryHelpers.AddQueryString(http.FrontendUrl.ToString(), query));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Organization {OrganizationId} connected QBO realm {RealmId}")]
    private static partial void LogConnected(ILogger logger, string organizationId, string realmId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Organization {OrganizationId} refused QBO realm {RealmId}: another active organization holds it")]
    private static partial void LogSharedRefused(ILogger logger, string organizationId, string realmId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Organization {OrganizationId} connected QBO realm {RealmId}, which {Count} other active organization(s) hold too")]
    private static partial void LogSharedAllowed(ILogger logger, string organizationId, string realmId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth callback for organization {OrganizationId} refused: the browser did not start this flow")]
    private static partial void LogNotBound(ILogger logger, string organizationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Subscriber} failed to handle the connection of organization {OrganizationId}")]
    private static partial void LogSubscriberFailed(ILogger logger, string subscriber, string organizationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Code exchange failed for organization {OrganizationId}: {Error} (intuit_tid {IntuitTid})")]
    private static partial void LogExchangeFailed(ILogger logger, string organizationId, string error, string? intuitTid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CompanyInfo failed for organization {OrganizationId}, realm {RealmId}: {Kind} {Code}")]
    private static partial void LogCompanyInfoFailed(ILogger logger, string organizationId, string realmId, string kind, string? code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing the connection of organization {OrganizationId} to realm {RealmId} failed; nothing was connected")]
    private static partial void LogSaveFailed(ILogger logger, string organizationId, string realmId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The connect link of organization {OrganizationId} could not be given back after the connection failed ({Error}); the link is spent")]
    private static partial void LogGiveBackFailed(ILogger logger, string organizationId, string error, Exception exception);
}
