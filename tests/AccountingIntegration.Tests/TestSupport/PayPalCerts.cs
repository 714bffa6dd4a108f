using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AccountingIntegration.Features.Webhooks.Signatures;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// PayPal's side of its webhook signatures, which cannot run here: the certificate server behind
/// <c>PAYPAL-CERT-URL</c> (a handler answering only the URLs it was given, counting requests) and a signer that
/// follows PayPal's documented recipe with a certificate made for the test.
/// </summary>
internal static class PayPalCerts
{
    /// <summary>A certificate store whose downloads are answered from <paramref name="pemByUrl"/>; other URLs get 404.</summary>
    public static PayPalCertificates Serving(IReadOnlyDictionary<string, string> pemByUrl) => Serving(new Server(pemByUrl));

    public static PayPalCertificates Serving(Server server) =>
        new(new Factory(server), new MemoryCache(new MemoryCacheOptions()), NullLogger<PayPalCertificates>.Instance);

    /// <summary>An RSA certificate for <paramref name="dnsName"/>, valid from <paramref name="notBefore"/> for a year, with its private key.</summary>
    public static X509Certificate2 Create(string dnsName, DateTimeOffset notBefore)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(notBefore, notBefore.AddYears(1));
    }

    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    /// <summary>
    /// The headers PayPal sends with <paramref name="body"/>: RSA-SHA256 over
    /// <c>transmission_id|transmission_time|webhook_id|crc32(body)</c>, computed here without the service's code.
    /// </summary>
    public static HeaderDictionary Headers(X509Certificate2 certificate, string certUrl, string webhookId, byte[] body, DateTimeOffset sentAt)
    {
        var transmissionId = Guid.NewGuid().ToString();
        var time = sentAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var crc = System.IO.Hashing.Crc32.HashToUInt32(body);
        using var key = certificate.GetRSAPrivateKey()!;
        var signature = key.SignData(Encoding.UTF8.GetBytes($"{transmissionId}|{time}|{webhookId}|{crc}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new HeaderDictionary
        {
            ["PAYPAL-TRANSMISSION-ID"] = transmissionId,
            ["PAYPAL-TRANSMISSION-TIME"] = time,
            ["PAYPAL-TRANSMISSION-SIG"] = Convert.ToBase64String(signature),
            ["PAYPAL-CERT-URL"] = certUrl,
            ["PAYPAL-AUTH-ALGO"] = "SHA256withRSA",
        };
    }

    /// <summary>Answers GETs for the URLs it knows with their PEM; counts every request by URL.</summary>
    internal sealed class Server(IReadOnlyDictionary<string, string> pemByUrl) : HttpMessageHandler
    {
        private readonly ConcurrentDictionary<string, int> _requests = new();

        public int RequestsFor(string url) => _requests.GetValueOrDefault(url);

        public int TotalRequests => _requests.Values.Sum();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!.AbsoluteUri;
            _requests.AddOrUpdate(url, 1, (_, n) => n + 1);
            return Task.FromResult(pemByUrl.TryGetValue(url, out var pem)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(pem) }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }

    private sealed class Factory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
