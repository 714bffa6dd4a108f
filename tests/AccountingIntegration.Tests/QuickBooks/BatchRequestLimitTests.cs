using System.Collections.Concurrent;
using System.Net;
using System.Text;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Infrastructure.QuickBooks.Budget;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using QboSandbox;

namespace AccountingIntegration.Tests.QuickBooks;

/// <summary>
/// A POST to QBO's batch endpoint sent through the QBO client's own HTTP pipeline counts against the company's batch
/// window (REFERENCE §6: 40 a minute) and as a request in the request windows, with no call to the limiter by the sender.
/// </summary>
public sealed class BatchRequestLimitTests
{
    private const string BatchBody = """{"BatchItemRequest":[{"bId":"q1","Query":"SELECT * FROM Customer MAXRESULTS 1"}]}""";

    [Fact]
    public async Task BatchPost_ThroughTheClientsPipeline_CountsAsABatchAndARequest_AndWaitsForTheBatchWindow()
    {
        var clock = TestClock.Create();
        await using var sandbox = await QboSandboxServer.StartAsync(new SandboxOptions { AutoApprove = true });
        var qbo = SandboxOAuth.OptionsFor(sandbox);
        // One batch a minute, so the second waits for the window; attempts may outlast the minute the fake clock jumps.
        var options = new QboOptions
        {
            ClientId = qbo.ClientId, ClientSecret = qbo.ClientSecret, RedirectUri = qbo.RedirectUri, AuthorizeUrl = qbo.AuthorizeUrl,
            TokenUrl = qbo.TokenUrl, RevokeUrl = qbo.RevokeUrl, UserInfoUrl = qbo.UserInfoUrl, ApiBaseUrl = qbo.ApiBaseUrl,
            BatchRequestsPerMinutePerRealm = 1, RequestTimeout = TimeSpan.FromSeconds(100),
        };
        var store = new RecordingBudgetStore(new MemoryRealmBudgetStore(options, clock));
        await using var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddSingleton(options)
            .AddSingleton<TimeProvider>(clock).AddSingleton<IRealmBudgetStore>(store).AddQboClients().BuildServiceProvider();
        var oauth = services.GetRequiredService<IntuitOAuthClient>();
        var query = await SandboxOAuth.FollowAuthorizeAsync(oauth.BuildAuthorizeUrl("s"));
        var token = (await oauth.ExchangeCodeAsync(query["code"], default)).AccessToken;
        var realm = query["realmId"];
        // The client QboClient is built on, with every handler it has: a sender of batches needs nothing else.
        using var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(QboClient));
        var limiter = services.GetRequiredService<QboRealmLimiter>();
        Assert.True(limiter.BatchLikelyFree(realm));

        using (var first = await http.SendAsync(Batch(sandbox, realm, token)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        Assert.Equal((1, 1), store.Granted(realm));
        using (var read = await http.SendAsync(Get(sandbox, realm, token)))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        // A read is a request, not a batch; its grant tells the instance the company's batch window is spent.
        Assert.Equal((2, 1), store.Granted(realm));
        Assert.False(limiter.BatchLikelyFree(realm));

        var second = http.SendAsync(Batch(sandbox, realm, token));
        // The budget refused it a batch permit: it waits for the first batch to leave the minute window.
        await Eventually.GetAsync(() => Task.FromResult(store.RefusedBatches(realm)), refused => refused > 0);
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using (var answered = await second)
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        Assert.Equal((3, 2), store.Granted(realm));
        Assert.Equal(2, sandbox.State.GetStats().Realms.Single(r => r.RealmId == realm).PeakBatchRequestsPerMinute);
        Assert.False(limiter.BatchLikelyFree(realm));
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True(limiter.BatchLikelyFree(realm));
    }

    private static HttpRequestMessage Batch(QboSandboxServer sandbox, string realm, string token) =>
        Authorized(new HttpRequestMessage(HttpMethod.Post, new Uri(sandbox.BaseUrl, $"v3/company/{realm}/batch?minorversion=75"))
        {
            Content = new StringContent(BatchBody, Encoding.UTF8, "application/json"),
        }, token);

    private static HttpRequestMessage Get(QboSandboxServer sandbox, string realm, string token) =>
        Authorized(new HttpRequestMessage(HttpMethod.Get, new Uri(sandbox.BaseUrl, $"v3/company/{realm}/companyinfo/{realm}?minorversion=75")), token);

    private static HttpRequestMessage Authorized(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    /// <summary>The in-memory budget, recording what each reservation was granted.</summary>
    private sealed class RecordingBudgetStore(IRealmBudgetStore inner) : IRealmBudgetStore
    {
        private readonly ConcurrentQueue<(RealmBudgetRequest Request, RealmGrant Grant)> _reservations = new();

        public (int Requests, int Batches) Granted(string realmId)
        {
            var grants = _reservations.Where(r => r.Request.RealmId == realmId).ToList();
            return (grants.Sum(r => r.Grant.Requests), grants.Sum(r => r.Grant.Batches));
        }

        public int RefusedBatches(string realmId) =>
            _reservations.Count(r => r.Request.RealmId == realmId && r.Request.Batches > 0 && r.Grant.Batches == 0);

        public async Task<RealmGrant> ReserveAsync(RealmBudgetRequest request, CancellationToken cancellationToken)
        {
            var grant = await inner.ReserveAsync(request, cancellationToken);
            _reservations.Enqueue((request, grant));
            return grant;
        }

        public Task ReturnAsync(string realmId, string grantId, int requests, int batches, CancellationToken cancellationToken) =>
            inner.ReturnAsync(realmId, grantId, requests, batches, cancellationToken);

        public Task ReleaseAsync(string realmId, int held, CancellationToken cancellationToken) => inner.ReleaseAsync(realmId, held, cancellationToken);

        public Task ReleaseAllAsync(CancellationToken cancellationToken) => inner.ReleaseAllAsync(cancellationToken);
    }
}
