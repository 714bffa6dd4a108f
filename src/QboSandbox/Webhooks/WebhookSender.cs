using System.Net.Http.Headers;

namespace QboSandbox.Webhooks;

/// <summary>
/// POSTs one batch: the stored bytes as application/json with their intuit-signature header. An endpoint must answer
/// within 3 s (webhooks best practices); that limit is network time, so it runs on the real clock.
/// </summary>
internal sealed class WebhookSender(SandboxOptions options) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<SendOutcome> SendAsync(Uri url, WebhookBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(batch.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, batch.Signature);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.WebhookTimeout);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return new SendOutcome((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome(null, $"no answer within {options.WebhookTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return new SendOutcome(null, ex.Message);
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The endpoint's status code, or why there was none.</summary>
internal readonly record struct SendOutcome(int? StatusCode, string? Error)
{
    /// <summary>Intuit asks for a 200; any 2xx counts as acknowledged here.</summary>
    public bool Acknowledged => StatusCode is >= 200 and < 300;
}
