namespace AccountingIntegration.Features.Alerts;

/// <summary>Where one delivery of an alert to one destination stands.</summary>
internal static class AlertStates
{
    public const string Pending = "pending";
    public const string Sent = "sent";

    /// <summary>Out of attempts; the alert stays listed with the last error.</summary>
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Sent, Failed];
}

/// <summary>Who a delivery goes to.</summary>
internal static class AlertDestinations
{
    /// <summary>The operators' URL (ALERT_WEBHOOK_URL).</summary>
    public const string Operator = "operator";

    /// <summary>The organization's own URL, set by an operator.</summary>
    public const string Organization = "organization";

    /// <summary>The operators' addresses (ALERT_EMAIL_TO), when SMTP is configured.</summary>
    public const string Email = "email";

    /// <summary>The organization's own addresses, set by an operator, when SMTP is configured.</summary>
    public const string OrganizationEmail = "organization_email";

    /// <summary>Deliveries that go out as e-mail; their URL is a <c>mailto:</c> of the recipients chosen when raised.</summary>
    public static bool IsEmail(string destination) => destination is Email or OrganizationEmail;
}
