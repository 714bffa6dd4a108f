using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// Alerts by e-mail (docs/alerts.md): SMTP_HOST lets the service send mail at all, to the organizations that gave
/// addresses; ALERT_EMAIL_TO adds the operators' addresses.
/// </summary>
internal sealed class AlertEmailOptions
{
    public string? Host { get; init; }

    public int Port { get; init; } = 587;

    /// <summary>none, starttls (the default) or tls (implicit TLS, usually port 465).</summary>
    public string Security { get; init; } = "starttls";

    public string? Username { get; init; }

    /// <summary>Never logged: options are not printed, and send failures record only the exception's type.</summary>
    public string? Password { get; init; }

    public string From { get; init; } = "alerts@localhost";

    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>An SMTP server is configured, so e-mail destinations (the operators' or an organization's) get deliveries.</summary>
    public bool CanSend => Host is not null;

    /// <summary>The operators get every alert by e-mail too.</summary>
    public bool SendsToOperators => CanSend && To.Count > 0;

    public static AlertEmailOptions Bind(IConfiguration configuration, List<string> problems)
    {
        var host = Settings.Text(configuration, "SMTP_HOST");
        var port = Settings.Integer(configuration, "SMTP_PORT", 587, problems);
        var security = (Settings.Text(configuration, "SMTP_SECURITY") ?? "starttls").ToLowerInvariant();
        var to = Settings.List(configuration, "ALERT_EMAIL_TO");
        if (port is < 1 or > 65535)
        {
            problems.Add($"SMTP_PORT: {port} is outside 1..65535.");
        }

        if (security is not ("none" or "starttls" or "tls"))
        {
            problems.Add($"SMTP_SECURITY: '{security}' is not none, starttls or tls.");
        }

        if (to.Any(a => !a.Contains('@', StringComparison.Ordinal)))
        {
            problems.Add("ALERT_EMAIL_TO: every entry must be an e-mail address.");
        }

        if (host is null && to.Count > 0)
        {
            problems.Add("ALERT_EMAIL_TO: needs SMTP_HOST, the server that sends the mail.");
        }

        return new AlertEmailOptions
        {
            Host = host,
            Port = port,
            Security = security,
            Username = Settings.Text(configuration, "SMTP_USERNAME"),
            Password = Settings.Text(configuration, "SMTP_PASSWORD"),
            From = Settings.Text(configuration, "SMTP_FROM") ?? "alerts@localhost",
            To = to,
        };
    }
}
