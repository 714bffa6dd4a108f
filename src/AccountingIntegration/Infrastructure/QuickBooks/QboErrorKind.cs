namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>How a failed QBO call is classified; the pipeline decides retry or fail from this (STYLE: classify outcomes).</summary>
internal enum QboErrorKind
{
    /// <summary>400 fault: the request is wrong; retrying the same request fails again.</summary>
    Validation,

    /// <summary>401: the token is expired, revoked or foreign; refresh or reconnect.</summary>
    Authentication,

    /// <summary>403: the app may not do this (wrong environment URL, missing scope).</summary>
    Authorization,

    /// <summary>404: the entity or path does not exist.</summary>
    NotFound,

    /// <summary>429: over QBO's limits; back off.</summary>
    Throttled,

    /// <summary>5xx: QBO failed; try again later.</summary>
    Server,

    /// <summary>No answer: connection refused or dropped, or a time-out. The outcome of a write is unknown.</summary>
    Network,
}
