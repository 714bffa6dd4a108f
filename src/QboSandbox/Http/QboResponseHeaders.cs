using System.Globalization;

namespace QboSandbox.Http;

/// <summary>
/// Headers QBO puts on Accounting API responses besides intuit_tid (REFERENCE §2.2; a captured response in
/// QuickBooks-V3-PHP-SDK#127: "Server: nginx", "Date", "QBO-Version: 1802.1292", "Service-Time: total=1828, db=1606",
/// "Expires: 0", "Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private").
/// </summary>
internal static class QboResponseHeaders
{
    /// <summary>The release the captured response named; QBO's value changes with every release.</summary>
    public const string QboVersion = "1802.1292";

    public static void Add(HttpResponse response, TimeProvider time, TimeSpan elapsed)
    {
        var headers = response.Headers;

        // The sandbox's clock, like every other time it reports (a fake clock in tests).
        headers.Date = time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        headers["QBO-Version"] = QboVersion;

        // Milliseconds spent on the request; the in-memory store is the whole of it, so "db" is the same figure.
        var milliseconds = ((long)elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        headers["Service-Time"] = $"total={milliseconds}, db={milliseconds}";
        headers.Expires = "0";
        headers.CacheControl = "max-age=0, no-cache, no-store, must-revalidate, private";
        headers.Server = "nginx";
    }
}
