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

    /// <summary>The event moves no money (a failed payment, a pending refund, a dispute) or the source's settings book nothing for it.</summary>
    public const string EventIgnored = "EVENT_IGNORED";

    /// <summary>The vendor's body is too broken to say what happened; the problems name the fields.</summary>
    public const string EventInvalid = "EVENT_INVALID";

    /// <summary>The event cannot be booked as the settings ask (an unmapped tax rate, a currency the company does not take, a total that does not add up).</summary>
    public const string BookingRefused = "BOOKING_REFUSED";

    /// <summary>A payment, refund or cancellation waits for its sale to be booked.</summary>
    public const string WaitingForSale = "WAITING_FOR_SALE";

    /// <summary>The event moves no money but names its sale otherwise (a Stripe invoice payment): the sale is linked under those names.</summary>
    public const string SaleLinked = "SALE_LINKED";

    /// <summary>Its sale was not booked within the time limit.</summary>
    public const string DependencyMissing = "DEPENDENCY_MISSING";

    /// <summary>Another payload of the same sale was being booked: this one is tried again after it, without counting an attempt.</summary>
    public const string SaleBusy = "SALE_BUSY";
}
