using System.Net.Http.Headers;
using AccountingIntegration.Features.Drift;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.Security.Fuzz;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Security;

/// <summary>
/// The attack suite: thousands of seeded requests over every operation of the served OpenAPI document — real,
/// foreign, unknown and hostile path values, wrong and repeated query values, malformed, mistyped, huge and
/// plausible bodies, every credential and every Accept — and not one 5xx or malformed error among the answers.
/// </summary>
public sealed class ApiFuzzTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    /// <summary>Fixed, so a failure found once is found again on every run until it is fixed.</summary>
    private const int Seed = 14_14;

    private const int RequestCount = 2400;

    /// <summary>At most this many failures are listed in full; the summary by operation and status covers the rest.</summary>
    private const int ListedFailures = 60;

    private static readonly string[] MalformedKeys = ["garbage", SecretTokens.ApiKeyPrefix, "' OR 1=1 --", new string('k', 5000), "%C3%BC%00\u007f"];

    /// <summary>
    /// The verifier token of the Intuit app, so the fuzzed deployment takes Intuit's notifications and a valid signature gets
    /// past the check. Without one the route answers 503 INTUIT_WEBHOOKS_NOT_CONFIGURED, a documented configuration answer.
    /// </summary>
    private const string IntuitVerifierToken = "fuzz-intuit-verifier-token";

    private static readonly string[] MalformedAuthorizations =
    [
        "Bearer not.a.jwt", "Bearer ", "Basic Zm9vOmJhcg==", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIn0.", "garbage",
    ];

    /// <summary>
    /// SQLite only: the run takes about 20 s there and over a minute on MariaDB, where every write waits on the server's
    /// flush. What differs between the databases sits below the HTTP surface and has its own both-database tests.
    /// </summary>
    [Fact]
    public async Task EveryOperation_SeededHostileRequests_NoServerErrorAndEveryErrorIsAProblem()
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite),
            settings: new Dictionary<string, string> { ["QBO_WEBHOOK_VERIFIER_TOKEN"] = IntuitVerifierToken });
        var targets = await FuzzTargets.CreateAsync(world);
        // Redirects (OAuth) are answers in their own right, not something to follow.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = world.Connect.Service.BaseAddress };
        var operations = await ServedOperation.ReadAsync(client);
        var requests = FuzzPlan.Create(Seed, RequestCount, operations, targets);
        var ownTokens = await OwnTokensAsync(requests, world);

        var failures = new List<(string Operation, int Status, string Message)>();
        var credentialsSent = new HashSet<(string, FuzzCredential)>();
        var acceptsSent = new HashSet<(string, string?)>();
        foreach (var request in requests)
        {
            using var message = MessageFor(request, targets, ownTokens);
            using var response = await world.Pump.WhileAsync(client.SendAsync(message));
            var body = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            failures.AddRange(FuzzAnswerCheck.Problems(request, response, body).Select(p => (request.Operation, status, $"{request.Describe(status)}: {p}")));
            credentialsSent.Add((request.Operation, request.Credential));
            acceptsSent.Add((request.Operation, request.Accept));
        }

        // A route added later is fuzzed too, or this fails: every operation met every credential and every Accept.
        var missed = operations.SelectMany(o => Enum.GetValues<FuzzCredential>().Where(c => !credentialsSent.Contains((o.Name, c))).Select(c => $"{o.Name} credential={c}")
            .Concat(FuzzValues.Accepts.Where(a => !acceptsSent.Contains((o.Name, a))).Select(a => $"{o.Name} Accept={a ?? "(none)"}"))).ToList();
        Assert.True(missed.Count == 0, $"Not fuzzed ({RequestCount} requests over {operations.Count} operations):\n" + string.Join('\n', missed));
        Assert.True(failures.Count == 0, Report(failures));
    }

    private static HttpRequestMessage MessageFor(FuzzRequest request, FuzzTargets targets, Dictionary<FuzzCredential, Queue<string>> ownTokens)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (request.Accept is not null)
        {
            message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        var pick = request.Url.Length;
        switch (request.Credential)
        {
            case FuzzCredential.MalformedKey:
                message.Headers.TryAddWithoutValidation(CredentialHeaders.ApiKey, MalformedKeys[pick % MalformedKeys.Length]);
                break;
            case FuzzCredential.MalformedBearer:
                message.Headers.TryAddWithoutValidation("Authorization", MalformedAuthorizations[pick % MalformedAuthorizations.Length]);
                break;
            case FuzzCredential.RevokedKey:
                message.Headers.Add(CredentialHeaders.ApiKey, targets.RevokedApiKey);
                break;
            case FuzzCredential.ApiKey:
                message.Headers.Add(CredentialHeaders.ApiKey, targets.ApiKey);
                // Intuit's notifications carry no key: their credential is the body's signature.
                if (request.Template == "/api/v1/intuit/webhooks")
                {
                    message.Headers.Add(IntuitSignature.Header, IntuitSignature.Sign(request.Body ?? [], IntuitVerifierToken));
                }

                break;
            case FuzzCredential.AdminToken or FuzzCredential.ViewerToken:
                var token = EndsSession(request) ? ownTokens[request.Credential].Dequeue()
                    : request.Credential == FuzzCredential.AdminToken ? targets.AdminToken : targets.ViewerToken;
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                break;
        }

        return message;
    }

    private static bool EndsSession(FuzzRequest request) => request.Template is "/api/admin/auth/logout" or "/api/admin/auth/change-password";

    /// <summary>
    /// A fresh operator's token for each request that may end its session (logout, password change), so the shared tokens
    /// stay valid. Issued before the run: the service dates tokens by the test clock, which the run moves ahead of the real
    /// clock that validates them.
    /// </summary>
    private static async Task<Dictionary<FuzzCredential, Queue<string>>> OwnTokensAsync(List<FuzzRequest> requests, PipelineWorld world)
    {
        var tokens = new Dictionary<FuzzCredential, Queue<string>> { [FuzzCredential.AdminToken] = [], [FuzzCredential.ViewerToken] = [] };
        foreach (var request in requests.Where(r => EndsSession(r) && tokens.ContainsKey(r.Credential)))
        {
            var role = request.Credential == FuzzCredential.AdminToken ? AdminRoles.Admin : AdminRoles.Viewer;
            tokens[request.Credential].Enqueue((await Admins.CreateAsync(world.Services, role)).Token);
        }

        return tokens;
    }

    private static string Report(List<(string Operation, int Status, string Message)> failures) =>
        $"{failures.Count} wrong answers of {RequestCount} (seed {Seed}).\nBy operation and status:\n" +
        string.Join('\n', failures.GroupBy(f => (f.Operation, f.Status)).Select(g => $"  {g.Count(),4} × {g.Key.Operation} → {g.Key.Status}")) +
        "\nThe first of them:\n" + string.Join('\n', failures.Take(ListedFailures).Select(f => "  " + f.Message));
}
