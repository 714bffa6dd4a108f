namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// A QBO Accounting API call failed. Carries QBO's own error code, message and detail from the
/// Fault body (REFERENCE §5), the HTTP status and <c>intuit_tid</c> for Intuit support.
/// </summary>
internal sealed class QboApiException(QboFault fault, Exception? inner = null)
    : Exception($"QBO {fault.Kind} error (HTTP {fault.Status}{(fault.Code is null ? string.Empty : ", code " + fault.Code)}): {fault.Message}", inner)
{
    public QboFault Fault { get; } = fault;

    public QboErrorKind Kind => Fault.Kind;

    public int Status => Fault.Status;

    /// <summary>QBO's error code, e.g. "6070", "6240", "3001"; null when the body carried none.</summary>
    public string? Code => Fault.Code;

    public string QboMessage => Fault.Message;

    public string? Detail => Fault.Detail;

    public string? Element => Fault.Element;

    public string? IntuitTid => Fault.IntuitTid;

    public TimeSpan? RetryAfter => Fault.RetryAfter;

    /// <summary>Worth trying again later: throttling, server errors and lost connections.</summary>
    public bool IsTransient => Kind is QboErrorKind.Throttled or QboErrorKind.Server or QboErrorKind.Network;

    /// <summary>No answer, a time-out or a 5xx: QBO may or may not have run the request.</summary>
    public bool OutcomeUnknown => Kind is QboErrorKind.Network or QboErrorKind.Server;
}

/// <summary>What QBO (or the way to it) said went wrong; <see cref="Status"/> 0 when no answer came.</summary>
internal sealed record QboFault(QboErrorKind Kind, int Status, string Message)
{
    public string? Code { get; init; }

    public string? Detail { get; init; }

    public string? Element { get; init; }

    /// <summary><c>intuit_tid</c>, for Intuit support.</summary>
    public string? IntuitTid { get; init; }

    public TimeSpan? RetryAfter { get; init; }
}
