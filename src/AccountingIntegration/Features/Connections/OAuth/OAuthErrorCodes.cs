namespace AccountingIntegration.Features.Connections.OAuth;

/// <summary>Codes the OAuth callback puts in its redirect to FRONTEND_URL (?error=…). Stable: front ends switch on them.</summary>
internal static class OAuthErrorCodes
{
    public const string InvalidState = "invalid_state";
    public const string StateExpired = "state_expired";
    public const string StateReplayed = "state_replayed";
    public const string StateNotBound = "state_not_bound";
    public const string AccessDenied = "access_denied";
    public const string AuthorizationFailed = "authorization_failed";
    public const string MissingCode = "missing_code";
    public const string ExchangeFailed = "token_exchange_failed";
    public const string CompanyInfoFailed = "company_info_failed";
    public const string ConnectionNotSaved = "connection_not_saved";
    public const string OrganizationInactive = "organization_inactive";
    public const string CompanyAlreadyConnected = "company_already_connected";
    public const string ConnectTokenUsed = "connect_token_used";
    public const string ConnectTokenInvalid = "connect_token_invalid";
    public const string ConnectLinkSpent = "connect_link_spent";
}
