using System.Text.Json.Nodes;
using TestShared;

namespace QboSandbox.Tests.Support;

/// <summary>
/// Runs the scripts of tests/fixtures/qbo-clients, which drive intuit-oauth (Intuit's OAuth client) and node-quickbooks
/// (versions pinned by its package-lock.json) against a sandbox, and returns the JSON they print.
/// </summary>
internal static class NodeClients
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <paramref name="script"/> against the sandbox at <paramref name="baseUrl"/> and returns its JSON result.</summary>
    public static async Task<JsonObject> RunAsync(string script, Uri baseUrl)
    {
        var folder = await NodeFixture.ReadyAsync("qbo-clients", "intuit-oauth", "node-quickbooks");
        var (exitCode, output, error) = await NodeFixture.RunAsync(folder, "node", [script, baseUrl.ToString()], null, ScriptTimeout);
        JsonObject? result = null;
        try
        {
            result = JsonNode.Parse(output)?.AsObject();
        }
        catch (System.Text.Json.JsonException)
        {
            // Reported below with the raw output.
        }

        Assert.True(exitCode == 0 && result is not null, $"node {script} failed (exit {exitCode}).\nstdout: {output}\nstderr: {error}");
        return result!;
    }
}
