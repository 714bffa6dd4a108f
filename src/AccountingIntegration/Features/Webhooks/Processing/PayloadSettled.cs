namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>An attempt at a payload has ended with <see cref="Status"/> and, unless it succeeded, the outcome code.</summary>
internal sealed record PayloadSettled(string OrganizationId, string PayloadId, string Status, string? Code);

/// <summary>
/// Reacts to <see cref="PayloadSettled"/>. Webhooks publishes every outcome; features that watch outcomes (alerts to the
/// people who must act) subscribe by registering an implementation. A subscriber's failure never changes the outcome.
/// </summary>
internal interface IPayloadSettledHandler
{
    Task HandleAsync(PayloadSettled settled, CancellationToken cancellationToken);
}
