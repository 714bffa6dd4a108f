using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.Alerts;

/// <summary>Alerts by e-mail to the operators (docs/alerts.md), on when SMTP_HOST and ALERT_EMAIL_TO are both set.</summary>
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

    public bool Enabled => Host is not null && To.Count > 0;

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

        if (host is not null != to.Count > 0)
        {
            problems.Add("ALERT_EMAIL_TO: SMTP_HOST and ALERT_EMAIL_TO go together; set both to send alerts by e-mail, or neither.");
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
