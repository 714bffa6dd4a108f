namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// The token or revoke endpoint refused (or could not be reached). <see cref="Error"/> is Intuit's
/// OAuth error name (<c>invalid_grant</c>, <c>invalid_client</c>…) or <c>network_error</c>.
/// The message never contains a token or secret.
/// </summary>
internal sealed class IntuitOAuthException(int status, string error, string? intuitTid, Exception? inner = null)
    : Exception($"Intuit OAuth request failed: HTTP {status}, {error}" + (intuitTid is null ? string.Empty : $" (intuit_tid {intuitTid})"), inner)
{
    public const string NetworkError = "network_error";

    public int Status { get; } = status;

    public string Error { get; } = error;

    public string? IntuitTid { get; } = intuitTid;

    /// <summary>The refresh token is expired, revoked or rotated out: only a new consent helps.</summary>
    public bool IsInvalidGrant => Error == "invalid_grant";
}
