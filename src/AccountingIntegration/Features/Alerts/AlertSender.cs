using System.Security.Cryptography;
using System.Text;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// One attempt at one delivery: the alert as JSON, signed with the destination's secret, POSTed to its URL. Any 2xx is
/// delivered; anything else, a time-out or a refused connection is an error for the worker to back off from.
/// </summary>
internal sealed class AlertSender(
    HttpClient http, AlertOptions options, AlertDestinationStore destinations, AlertMailer mailer, SecretProtector secrets, TimeProvider time)
{
    /// <summary>Null when delivered; otherwise what went wrong, with no secret and no URL in it.</summary>
    public async Task<string?> SendAsync(Alert alert, AlertDelivery delivery, CancellationToken cancellationToken)
    {
        var link = alert.LinkProtected is null ? null : Unprotect(alert.LinkProtected, AlertRaiser.LinkContext(alert.DedupeKey));
        var body = AlertMessage.Body(alert, link);
        if (AlertDestinations.IsEmail(delivery.Destination))
        {
            return await mailer.SendAsync(alert, body, AlertMailer.Recipients(delivery.Url), cancellationToken);
        }

        var secret = await SecretForAsync(alert, delivery, cancellationToken);
        if (secret is null)
        {
            return "The destination has no signing secret any more.";
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(AlertSignature.Header, AlertSignature.Create(secret, time.GetUtcNow(), body));
        request.Headers.Add("X-Alert-Id", alert.AlertId);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AlertOptions.SendTimeout);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"The receiver answered HTTP {(int)response.StatusCode}.";
        }
        catch (HttpRequestException e)
        {
            return $"The receiver could not be reached ({e.HttpRequestError}).";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"The receiver did not answer within {AlertOptions.SendTimeout.TotalSeconds:0} seconds.";
        }
    }

    private async Task<string?> SecretForAsync(Alert alert, AlertDelivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Destination == AlertDestinations.Operator)
        {
            return options.OperatorSecret;
        }

        // The organization's current secret: a rotated one signs deliveries still pending.
        var own = alert.OrganizationId is null ? null : await destinations.GetAsync(alert.OrganizationId, cancellationToken);
        return own is null ? null : Unprotect(own.SecretProtected, AlertDestinationEndpoints.SecretContext(own.OrganizationId));
    }

    private string? Unprotect(string value, string context)
    {
        try
        {
            return secrets.Unprotect(value, context);
        }
        catch (CryptographicException)
        {
            // A retired key or a tampered row: this delivery cannot be signed, and says so without the value.
            return null;
        }
    }
}
