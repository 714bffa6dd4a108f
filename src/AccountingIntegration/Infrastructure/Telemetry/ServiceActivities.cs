using System.Diagnostics;

namespace AccountingIntegration.Infrastructure.Telemetry;

/// <summary>
/// The service's own spans. A webhook's request span (ASP.NET Core's) ends when the delivery is stored; the queue is the
/// database, so the attempt that later processes it starts a trace of its own, tagged with the payload id the request
/// span also carries. QBO calls (HttpClient's spans) are children of the attempt.
/// </summary>
internal static class ServiceActivities
{
    public const string SourceName = "AccountingIntegration";

    public const string PayloadIdTag = "payload.id";

    public const string RequestIdTag = "request.id";

    public static readonly ActivitySource Source = new(SourceName);
}
