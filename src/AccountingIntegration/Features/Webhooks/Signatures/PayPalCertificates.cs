using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Webhooks.Signatures;

/// <summary>
/// Downloads and caches the certificates PayPal signs webhooks with (the <c>PAYPAL-CERT-URL</c> header). Only https
/// URLs on a paypal.com host are fetched, so a forged header cannot make the service trust a key of the sender's
/// choosing: the certificate's authenticity rests on the TLS connection to PayPal, the same trust PayPal's own
/// <c>verify-webhook-signature</c> API call would rest on. Certificates are kept for a day (they carry ids and
/// rarely change), at most a few downloads run at once, and a failed download is not cached, so the vendor's retry
/// tries again.
/// </summary>
internal sealed class PayPalCertificates(IHttpClientFactory clients, IMemoryCache cache, ILogger<PayPalCertificates> logger)
{
    /// <summary>A certificate chain in PEM is a few kilobytes; anything far larger is not one.</summary>
    public const int MaxCertificateBytes = 64 * 1024;

    /// <summary>The named HTTP client the downloads use (10 s timeout, at most <see cref="MaxCertificateBytes"/>, the platform's TLS validation).</summary>
    public const string ClientName = "paypal-certificates";

    public static readonly TimeSpan CacheFor = TimeSpan.FromHours(24);

    private readonly SemaphoreSlim _downloads = new(4);

    /// <summary>Whether <paramref name="url"/> may hold a PayPal signing certificate: https on paypal.com or a subdomain.</summary>
    public static bool IsPayPalUrl(Uri url) =>
        url.IsAbsoluteUri && url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort && IsPayPalHost(url.IdnHost);

    /// <summary>paypal.com itself or any host under it, compared without case.</summary>
    public static bool IsPayPalHost(string host) =>
        host.Equals("paypal.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".paypal.com", StringComparison.OrdinalIgnoreCase);

    /// <summary>The leaf certificate at <paramref name="url"/>, or null when it cannot be fetched or parsed (logged).</summary>
    public async Task<X509Certificate2?> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        if (!IsPayPalUrl(url))
        {
            throw new ArgumentException("Only PayPal's own https URLs are fetched.", nameof(url));
        }

        var key = "paypal-cert:" + url.AbsoluteUri;
        if (cache.TryGetValue(key, out X509Certificate2? cached) && cached is not null)
        {
            return cached;
        }

        await _downloads.WaitAsync(cancellationToken);
        try
        {
            var certificate = await DownloadAsync(url, cancellationToken);
            if (certificate is not null)
            {
                cache.Set(key, certificate, CacheFor);
            }

            return certificate;
        }
        finally
        {
            _downloads.Release();
        }
    }

    private async Task<X509Certificate2?> DownloadAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            // The client buffers at most MaxCertificateBytes (set where it is registered) and throws beyond that.
            using var response = await clients.CreateClient(ClientName).GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("PayPal's certificate at {CertificateUrl} answered HTTP {Status}.", url, (int)response.StatusCode);
                return null;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);

            // PayPal serves PEM, possibly with the issuing chain after the leaf; the leaf comes first.
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(System.Text.Encoding.ASCII.GetString(bytes));
            return chain.Count > 0 ? chain[0] : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Security.Cryptography.CryptographicException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            logger.LogWarning(exception, "PayPal's certificate at {CertificateUrl} could not be fetched.", url);
            return null;
        }
    }
}
