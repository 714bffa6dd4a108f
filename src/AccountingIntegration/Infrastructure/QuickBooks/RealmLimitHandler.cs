using System.Text.RegularExpressions;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>Holds a <see cref="QboRealmLimiter"/> permit for each attempt of each Accounting API request.</summary>
internal sealed partial class RealmLimitHandler(QboRealmLimiter limiter) : DelegatingHandler
{
    /// <summary>What the request is for (<see cref="QboClient"/> sets it); a request without it counts as a document write.</summary>
    public static readonly HttpRequestOptionsKey<QboTraffic> TrafficKey = new("qbo.traffic");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var match = RealmInPath().Match(request.RequestUri?.AbsolutePath ?? string.Empty);
        if (!match.Success)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var traffic = request.Options.TryGetValue(TrafficKey, out var value) ? value : QboTraffic.Documents;
        // A POST to the batch endpoint counts against the batch window as well as the request windows (REFERENCE §6: 40
        // batches a minute per company): whoever sends one through the client gets the limit without asking for it.
        var isBatch = request.Method == HttpMethod.Post && match.Groups[2].Value.Equals("batch", StringComparison.OrdinalIgnoreCase);
        using var lease = await limiter.AcquireAsync(match.Groups[1].Value, traffic, isBatch, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }

    [GeneratedRegex("/v3/company/([^/]+)/([^/?]*)", RegexOptions.CultureInvariant)]
    private static partial Regex RealmInPath();
}
