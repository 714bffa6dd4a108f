using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using QboSandbox.Http;

namespace QboSandbox.Webhooks;

/// <summary>
/// Notification bodies for one realm's batch of events, in the two formats of Intuit's blog "Upcoming change to
/// webhooks payload structure" (12 Nov 2025) and the .NET SDK's WebhooksEvent / WebhooksCloudEvent classes.
/// </summary>
internal static class WebhookPayloads
{
    public static byte[] Build(WebhookFormat format, string clientId, string realmId, IReadOnlyList<WebhookEvent> events) =>
        SandboxJson.ToBytes(format == WebhookFormat.Legacy ? Legacy(realmId, events) : CloudEvents(clientId, events));

    /// <summary>{"eventNotifications":[{"realmId","dataChangeEvent":{"entities":[{name,id,operation,lastUpdated}]}}]}.</summary>
    private static JsonObject Legacy(string realmId, IReadOnlyList<WebhookEvent> events) => new()
    {
        ["eventNotifications"] = new JsonArray(new JsonObject
        {
            ["realmId"] = realmId,
            ["dataChangeEvent"] = new JsonObject
            {
                ["entities"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject
                {
                    ["name"] = e.Entity,
                    ["id"] = e.EntityId,
                    ["operation"] = e.Operation,
                    ["lastUpdated"] = e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                })]),
            },
        }),
    };

    /// <summary>
    /// A JSON array of CloudEvents 1.0: specversion, id, source ("intuit." + an opaque app key), type
    /// qbo.{entity}.{past tense}.v1, datacontenttype, time (UTC), intuitentityid, intuitaccountid (the realm), data {}.
    /// </summary>
    private static JsonArray CloudEvents(string clientId, IReadOnlyList<WebhookEvent> events)
    {
        var source = "intuit." + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(clientId)));
        return new JsonArray([.. events.Select(e => (JsonNode)new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = e.Id,
            ["source"] = source,
            ["type"] = $"qbo.{e.Entity.ToLowerInvariant()}.{WebhookEntities.PastTense(e.Operation)}.v1",
            ["datacontenttype"] = "application/json",
            ["time"] = e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["intuitentityid"] = e.EntityId,
            ["intuitaccountid"] = e.RealmId,
            ["data"] = new JsonObject(),
        })]);
    }
}
