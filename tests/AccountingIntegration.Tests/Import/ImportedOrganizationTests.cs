using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.Import;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox;

namespace AccountingIntegration.Tests.Import;

/// <summary>
/// After <c>import</c>, an organization of the old system works as it did: its webhooks come in with its old API key, and
/// its QuickBooks connection — tokens the old Node service kept encrypted with CryptoJS — books them in its company.
/// The tokens are real ones the sandbox issued through its OAuth flow; the webhooks go through the real pipeline.
/// </summary>
public sealed class ImportedOrganizationTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task ImportedOrganization_BooksItsWebhooks_WithItsOldKeyAndConnection(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false,
            settings: new Dictionary<string, string> { [ImportCommand.PassphraseSetting] = OldSystemExport.Passphrase });
        var sandbox = world.Connect.Sandbox;
        var realmId = sandbox.State.CreateCompany("Imported Books", seedDemoData: true);
        sandbox.State.Options.AutoApproveRealmId = realmId;
        var (accessToken, refreshToken) = await ConnectAsTheOldServiceDidAsync(sandbox, realmId);

        var slug = Unique.Slug("imported");
        var suffix = slug["imported-".Length..];
        var apiKey = SecretTokens.New(SecretTokens.ApiKeyPrefix);
        var sealedTokens = await CryptoJs.EncryptAsync(OldSystemExport.Passphrase, accessToken, refreshToken);
        var now = world.Clock.GetUtcNow();
        using var export = new LegacyExport(ExportFormat.Jsonl);
        export
            .Add("organizations", ("organization_id", "org-" + suffix), ("name", "Imported shop"), ("slug", slug), ("plan_tier", "pro"),
                ("is_active", "true"), ("created_at", "2025-03-01 10:00:00 UTC"))
            .Add("webhook_sources", ("source_id", "src-" + suffix), ("organization_id", "org-" + suffix), ("name", "Shop"),
                ("source_type", "shopify"), ("signature_scheme", "none"), ("is_default", "true"), ("created_at", "2025-03-01 10:00:00 UTC"))
            .Add("api_keys", ("key_id", "key-" + suffix), ("organization_id", "org-" + suffix), ("name", "Old shop key"),
                ("key_prefix", SecretTokens.DisplayPrefix(apiKey)), ("key_hash", SecretTokens.Hash(apiKey)), ("created_at", "2025-03-01 10:00:00 UTC"))
            .Add("oauth_tokens", ("token_id", "tok-" + suffix), ("organization_id", "org-" + suffix), ("realm_id", realmId),
                ("access_token", sealedTokens[0]), ("refresh_token", sealedTokens[1]),
                ("access_expires_at", Stamp(now.AddMinutes(55))), ("refresh_expires_at", Stamp(now.AddDays(100))),
                ("sync_status", "connected"), ("company_name", "Imported Books"), ("version", "3"));
        export.Write();

        var output = new StringWriter();
        var exitCode = await ServiceCommands.RunAsync(world.Services, ["import", "--from", export.Folder, "--report", export.ReportPath, "--apply"], output);
        Assert.True(exitCode == ImportCommand.Complete, $"exit {exitCode}: {output}");

        // The shop keeps sending with the key it always had.
        using var client = new HttpClient { BaseAddress = world.Client.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        using var content = new StringContent(PipelineWorld.ShopifyOrder(820982911946154508), Encoding.UTF8, "application/json");
        using var accepted = await client.PostAsync($"/api/v1/webhook/{slug}", content);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var payloadId = (await PipelineWorld.DataAsync(accepted)).GetProperty("payloadId").GetString()!;

        var payload = await Eventually.GetAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>($"/api/v1/org/{slug}/payloads/{payloadId}")).GetProperty("data").GetProperty("payload"),
            p => p.GetProperty("status").GetString() is PayloadStatus.Succeeded or PayloadStatus.Failed or PayloadStatus.Dead,
            TimeSpan.FromSeconds(60), world.Pump.Tick);
        Assert.Equal(PayloadStatus.Succeeded, payload.GetProperty("status").GetString());
        var invoice = Assert.Single(world.Invoices(realmId));
        Assert.Equal(820982911946154508 % 100000, long.Parse(invoice["DocNumber"]!.GetValue<string>().TrimStart('#'), CultureInfo.InvariantCulture));
        Assert.DoesNotContain(accessToken, output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The authorization-code flow against the sandbox, as the old service ran it: the tokens Intuit gave it.</summary>
    private static async Task<(string Access, string Refresh)> ConnectAsTheOldServiceDidAsync(QboSandboxServer sandbox, string realmId)
    {
        var redirect = SandboxOAuth.TestRedirectUri.ToString();
        var authorize = new Uri(sandbox.BaseUrl, "connect/oauth2?client_id=" + SandboxOptions.DefaultClientId
            + "&response_type=code&scope=com.intuit.quickbooks.accounting&state=old-service&redirect_uri=" + Uri.EscapeDataString(redirect));
        var answer = await SandboxOAuth.FollowAuthorizeAsync(authorize);
        Assert.Equal(realmId, answer["realmId"]);

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sandbox.BaseUrl, "oauth2/v1/tokens/bearer"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = answer["code"], ["redirect_uri"] = redirect,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(SandboxOptions.DefaultClientId + ":" + SandboxOptions.DefaultClientSecret)));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()!);
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
