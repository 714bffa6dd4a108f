using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Webhooks.Processing;

internal sealed partial class PayloadProcessor
{
    /// <summary>
    /// QBO answered 401 to a token the service held valid (expired or revoked at Intuit before its time). One refresh,
    /// shared by every payload rejected with that token, lets the retry succeed; when refreshing cannot help, the
    /// connection is marked for reconnection and the payload waits for it, saying why, instead of spending its attempts.
    /// </summary>
    /// <returns>The failure to record: the 401 itself (retried with the renewed token) or why the connection is unusable.</returns>
    private async Task<Exception> AfterRejectionAsync(string organizationId, ValidToken? token, Exception failure, CancellationToken cancellationToken)
    {
        if (failure is not QboApiException { Kind: QboErrorKind.Authentication } || token is null)
        {
            return failure;
        }

        try
        {
            await tokens.RenewRejectedAsync(organizationId, token.AccessToken, cancellationToken);
            return failure;
        }
        catch (Exception e) when (e is QboNotConnectedException or IntuitOAuthException)
        {
            return e;
        }
    }
}
