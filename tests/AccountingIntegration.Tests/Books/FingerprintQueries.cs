using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Http;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Counts the service's fingerprint lookups: QBO queries by creation time. The handler is added after the client's
/// own, so it is the innermost: it counts each request QBO receives, a resent lookup once per sending.
/// </summary>
internal sealed partial class FingerprintQueries : IHttpMessageHandlerBuilderFilter
{
    private readonly ConcurrentQueue<DateTime> _since = new();

    public int Count => _since.Count;

    /// <summary>Where each look-up's window started: its <c>MetaData.CreateTime &gt;=</c> bound, in the order QBO received them.</summary>
    public IReadOnlyList<DateTime> Since => [.. _since];

    /// <summary>Adds the counter to every HTTP client of the service under test.</summary>
    public void Install(IServiceCollection services) => services.AddSingleton<IHttpMessageHandlerBuilderFilter>(this);

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.AdditionalHandlers.Add(new Counter(this));
    };

    private sealed class Counter(FingerprintQueries owner) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Every fingerprint look-up, and only a look-up, bounds the creation time.
            var bound = SinceBound().Match(Uri.UnescapeDataString(request.RequestUri?.Query ?? string.Empty));
            if (bound.Success)
            {
                owner._since.Enqueue(DateTime.Parse(bound.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    [GeneratedRegex(@"MetaData\.CreateTime[\s+]*>=[\s+]*'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex SinceBound();
}
