using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Connections.ConnectTokens;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// Makes the single-use connect link an alert carries, as an operator's <c>create-connect-link</c> would: stored by its
/// hash, audited, valid for <see cref="ValidFor"/>. It opens the reconnect page, which says the connection broke.
/// </summary>
internal sealed class ReconnectLinks(ConnectTokenStore tokens, HttpOptions http, AuditTrail audit, TimeProvider time)
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);

    public async Task<Uri> CreateAsync(string organizationId, CancellationToken cancellationToken)
    {
        var token = SecretTokens.New(SecretTokens.ConnectTokenPrefix);
        var now = time.GetUtcNow().UtcDateTime;
        // Whole seconds: the expiry reads back the same from either database.
        var expiresAt = (now + ValidFor).AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        await tokens.CreateAsync(organizationId, SecretTokens.Hash(token), expiresAt, "system:alerts", cancellationToken,
            (transaction, stored) => audit.RecordAsync(transaction, AuditActor.System("alerts"), new AuditAction("connect_token", "connect_token.created")
            {
                OrganizationId = organizationId,
                TargetType = "connect_token",
                TargetId = stored.TokenId,
            }, cancellationToken));
        return ConnectTokenEndpoints.ReconnectLink(http, token);
    }
}
