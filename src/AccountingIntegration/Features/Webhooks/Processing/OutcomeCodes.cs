namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// The stable codes an attempt's outcome carries in its sync log and the payload's last error.
/// QBO's own faults are reported as <c>QBO_{code}</c> (see <see cref="PayloadProcessor"/>).
/// </summary>
internal static class OutcomeCodes
{
    public const string InternalError = "INTERNAL_ERROR";
    public const string PayloadMissing = "PAYLOAD_MISSING";
    public const string OrganizationInactive = "ORGANIZATION_INACTIVE";
    public const string NoMapping = "NO_MAPPING";
    public const string MappingError = "MAPPING_ERROR";
    public const string QboNotConnected = "QBO_NOT_CONNECTED";
    public const string QboOAuthUnavailable = "QBO_OAUTH_UNAVAILABLE";
}
