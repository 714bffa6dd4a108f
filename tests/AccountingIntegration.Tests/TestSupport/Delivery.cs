using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>What became of one delivery: the payload's status, its last error and the document it is known by.</summary>
internal sealed record Delivered(string PayloadId, string Status, string? LastError, string? DocumentId, JsonElement Detail)
{
    public override string ToString() => $"{Status} {LastError} {DocumentId}";
}

/// <summary>Sends vendor deliveries the way the vendors do (their topic headers) and waits until each has settled.</summary>
internal static class Delivery
{
    /// <summary>Statuses after which nothing happens without a change elsewhere (a sale booked, a clock moved, a replay).</summary>
    public static readonly string[] Settled =
        [PayloadStatus.Succeeded, PayloadStatus.Skipped, PayloadStatus.Failed, PayloadStatus.Dead, PayloadStatus.WaitingDependency, PayloadStatus.WaitingConnection];

    /// <summary>What the attempt logs when waking the payloads that wait after its outcome failed.</summary>
    private const string WakeFailed = "Waking the payloads that wait after this outcome failed";

    public static JsonObject Fixture(string relative) => JsonNode.Parse(File.ReadAllText(Fixtures.Path(relative)))!.AsObject();

    /// <summary>
    /// Delivers a body with the given headers; every delivery gets its own Idempotency-Key (the vendors' sample
    /// events share zeroed ids, which would otherwise make later samples duplicates of the first).
    /// </summary>
    public static async Task<Delivered> DeliverAsync(this PipelineWorld world, string body, IReadOnlyDictionary<string, string>? headers = null, string? key = null) =>
        await world.SettledAsync(await world.SendForPayloadIdAsync(body, headers, key));

    /// <summary>Delivers a body as <see cref="DeliverAsync"/> does, without waiting for its outcome: the id of the payload stored.</summary>
    public static async Task<string> SendForPayloadIdAsync(this PipelineWorld world, string body, IReadOnlyDictionary<string, string>? headers = null, string? key = null)
    {
        using var response = await world.SendAsync(body, key ?? Guid.NewGuid().ToString("N"), headers: headers);
        return (await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!;
    }

    /// <summary>
    /// Delivers a sale whose wake-up after its commit is refused (a trigger the caller holds), and waits until that
    /// wake-up has failed. The payload settles before its attempt is over: what the attempt does after its commit
    /// still runs, and done after the caller drops the trigger, it would succeed in place of the sweep under test.
    /// </summary>
    public static async Task<Delivered> DeliverWhileItsWakeUpFailsAsync(this PipelineWorld world, LogCapture logs, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        var sale = await world.DeliverAsync(body, headers);
        await Eventually.GetAsync(() => Task.FromResult(logs.Lines.Any(line => line.Contains(WakeFailed, StringComparison.Ordinal))), failed => failed);
        return sale;
    }

    public static Task<Delivered> DeliverFixtureAsync(this PipelineWorld world, string relative, IReadOnlyDictionary<string, string>? headers = null) =>
        world.DeliverAsync(File.ReadAllText(Fixtures.Path(relative)), headers);

    public static async Task<Delivered> SettledAsync(this PipelineWorld world, string payloadId, params string[] statuses)
    {
        var detail = await world.WaitForStatusAsync(payloadId, statuses.Length > 0 ? statuses : Settled);
        var payload = detail.GetProperty("payload");
        return new Delivered(payloadId, payload.GetProperty("status").GetString()!, payload.GetProperty("lastError").GetString(),
            payload.GetProperty("invoiceId").GetString(), detail);
    }

    public static IReadOnlyDictionary<string, string> Topic(string header, string topic) => new Dictionary<string, string> { [header] = topic };

    /// <summary>Integer minor units (Stripe, Paddle, Square) as a decimal amount.</summary>
    public static decimal Cents(JsonNode? node) => decimal.Parse(node!.ToString(), System.Globalization.CultureInfo.InvariantCulture) / 100m;

    /// <summary>A decimal string or number (Shopify, WooCommerce, PayPal) as a decimal amount.</summary>
    public static decimal Amount(JsonNode? node) => decimal.Parse(node!.ToString(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An amount as Shopify and WooCommerce state one: a string of two decimals.</summary>
    public static string Text(decimal amount) => amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
