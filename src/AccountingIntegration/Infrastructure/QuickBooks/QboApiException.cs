namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// A QBO Accounting API call failed. Carries QBO's own error code, message and detail from the
/// Fault body (REFERENCE §5), the HTTP status and <c>intuit_tid</c> for Intuit support.
/// </summary>
internal sealed class QboApiException(
    QboErrorKind kind, int status, string? code, string qboMessage, string? detail, string? element, string? intuitTid,
    TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception($"QBO {kind} error (HTTP {status}{(code is null ? string.Empty : ", code " + code)}): {qboMessage}", inner)
{
    public QboErrorKind Kind { get; } = kind;

    public int Status { get; } = status;

    /// <summary>QBO's error code, e.g. "6070", "6240", "3001"; null when the body carried none.</summary>
    public string? Code { get; } = code;

    public string QboMessage { get; } = qboMessage;

    public string? Detail { get; } = detail;

    public string? Element { get; } = element;

    public string? IntuitTid { get; } = intuitTid;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Worth trying again later: throttling, server errors and lost connections.</summary>
    public bool IsTransient => Kind is QboErrorKind.Throttled or QboErrorKind.Server or QboErrorKind.Network;
}
