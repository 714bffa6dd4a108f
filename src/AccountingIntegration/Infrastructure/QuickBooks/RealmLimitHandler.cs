using System.Text.RegularExpressions;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>Holds a <see cref="QboRealmLimiter"/> permit for each attempt of each Accounting API request.</summary>
internal sealed partial class RealmLimitHandler(QboRealmLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var match = RealmInPath().Match(request.RequestUri?.AbsolutePath ?? string.Empty);
        if (!match.Success)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        using var lease = await limiter.AcquireAsync(match.Groups[1].Value, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }

    [GeneratedRegex("/v3/company/([^/]+)/", RegexOptions.CultureInvariant)]
    private static partial Regex RealmInPath();
}
