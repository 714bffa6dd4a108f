using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// One attempt at an e-mail delivery: the alert's subject, and its JSON body as text, to the delivery's recipients (the
/// operators' or the organization's, chosen when the alert was raised). The same back-off as the HTTP destinations
/// applies; an e-mail carries no signature, only the alert id.
/// </summary>
internal sealed class AlertMailer(AlertEmailOptions options)
{
    /// <summary>Null when the server accepted it; otherwise what went wrong, without the password or the server's words.</summary>
    public async Task<string?> SendAsync(Alert alert, string body, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        // Deliveries by e-mail are only created while SMTP_HOST is set.
        var host = options.Host ?? throw new InvalidOperationException("SMTP_HOST is not set.");
        var message = new MimeMessage { Subject = $"[{alert.Kind}] {alert.Subject}" };
        message.From.Add(MailboxAddress.Parse(options.From));
        foreach (var to in recipients)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Headers.Add("X-Alert-Id", alert.AlertId);
        message.Body = new TextPart("plain") { Text = $"{alert.Subject}\n\nOccurrences: {alert.Occurrences}\n\n{body}\n" };
        using var client = new SmtpClient { Timeout = (int)AlertOptions.SendTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(host, options.Port, Security(options.Security), cancellationToken);
            if (options.Username is not null)
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is MailKit.ProtocolException or MailKit.CommandException or IOException or System.Net.Sockets.SocketException
                                      or AuthenticationException or TimeoutException or SslHandshakeException)
        {
            return $"The SMTP server could not take the alert ({e.GetType().Name}).";
        }
    }

    /// <summary>The delivery row's URL for e-mail recipients.</summary>
    public static string MailTo(IEnumerable<string> recipients) => "mailto:" + string.Join(",", recipients);

    /// <summary>The recipients of a <see cref="MailTo"/> URL.</summary>
    public static IReadOnlyList<string> Recipients(string mailTo) =>
        mailTo.StartsWith("mailto:", StringComparison.Ordinal) ? mailTo["mailto:".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];

    private static SecureSocketOptions Security(string security) => security switch
    {
        "none" => SecureSocketOptions.None,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
