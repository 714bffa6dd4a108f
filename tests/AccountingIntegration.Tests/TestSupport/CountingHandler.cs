namespace AccountingIntegration.Tests.TestSupport;

/// <summary>Counts requests per path on their way out, to prove how often the service called QBO.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new();

    public int CountOf(string pathSuffix) => _counts.Where(p => p.Key.EndsWith(pathSuffix, StringComparison.Ordinal)).Sum(p => p.Value);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _counts.AddOrUpdate(request.RequestUri!.AbsolutePath, 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }
}
