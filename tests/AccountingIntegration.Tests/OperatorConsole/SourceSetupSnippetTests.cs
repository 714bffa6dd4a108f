using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.OperatorConsole.Pages.Sources;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The curl example on each source's setup page is run as an operator would paste it (bash, curl, openssl) against
/// the running service: for every vendor's scheme it must produce a delivery the service accepts.
/// </summary>
public sealed class SourceSetupSnippetTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task CurlExample_ForEveryScheme_IsAccepted(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), connect: false,
            settings: new Dictionary<string, string> { ["WORKER_CONCURRENCY"] = "0" });
        var http = world.Services.GetRequiredService<HttpOptions>();
        var sources = world.Services.GetRequiredService<WebhookStore>();
        (string Type, string Scheme, string? Secret)[] cases =
        [
            ("generic", "hmac-sha256", null), ("stripe", "stripe", "whsec_snippet_secret_1"), ("shopify", "shopify", "shpss_snippet_secret_1"),
            ("paddle", "paddle", "pdl_ntfset_snippet_secret_1"), ("woocommerce", "woocommerce", null), ("square", "square", "square-snippet-key-1"),
            ("paypal", "paypal", "8PT597110X687430L"), ("orders", "hmac-sha256", null), ("generic", "none", null),
        ];

        foreach (var (type, scheme, typedSecret) in cases)
        {
            using var created = await world.Client.PostAsJsonAsync($"/api/v1/webhook/{world.Slug}/sources",
                new { name = $"{type} {scheme}", sourceType = type, signatureScheme = scheme, signingSecret = typedSecret });
            var data = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
            var secret = typedSecret ?? (data.TryGetProperty("generatedSigningSecret", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : null);
            var source = (await sources.GetSourceAsync(world.Organization.OrganizationId, data.GetProperty("sourceId").GetString()!, default))!;

            var curl = SourceSetupView.For(source, world.Slug, http, secret).Curl
                .Replace("paste an API key of this organization here", world.ApiKey, StringComparison.Ordinal);
            var (exit, output) = await RunAsync(curl);

            Assert.True(exit == 0 && output.Contains("\"payloadId\"", StringComparison.Ordinal), $"{type}/{scheme}: exit {exit}, answer {output}");
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output + await error);
    }
}
