using System.Globalization;
using System.Text.Json;

namespace AccountingIntegration.Features.Drift;

/// <summary>
/// Reads Intuit's webhook bodies in both formats (REFERENCE §8): the CloudEvents array Intuit made mandatory
/// (<c>[{"type":"qbo.invoice.updated.v1","intuitentityid":"1","intuitaccountid":"&lt;realm&gt;",…}]</c>) and the legacy
/// <c>{"eventNotifications":[{"realmId":…,"dataChangeEvent":{"entities":[{"name":"Invoice","id":"1","operation":"Update"}]}}]}</c>.
/// </summary>
internal static class IntuitNotifications
{
    /// <summary>The notices, or null with the reason when the body is neither format.</summary>
    public static IReadOnlyList<IntuitNotice>? Parse(JsonElement body, out string? problem)
    {
        problem = null;
        var notices = new List<IntuitNotice>();
        if (body.ValueKind == JsonValueKind.Array)
        {
            foreach (var cloudEvent in body.EnumerateArray())
            {
                if (FromCloudEvent(cloudEvent) is not { } notice)
                {
                    problem = "a CloudEvent needs type qbo.<entity>.<operation>.v1, intuitentityid and intuitaccountid";
                    return null;
                }

                notices.Add(notice);
            }

            return notices;
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("eventNotifications", out var notifications) || notifications.ValueKind != JsonValueKind.Array)
        {
            problem = "the body is neither a CloudEvents array nor {\"eventNotifications\": […]}";
            return null;
        }

        foreach (var notification in notifications.EnumerateArray())
        {
            var realm = Text(notification, "realmId");
            if (realm is null || !notification.TryGetProperty("dataChangeEvent", out var change) || !change.TryGetProperty("entities", out var entities)
                || entities.ValueKind != JsonValueKind.Array)
            {
                problem = "an eventNotification needs realmId and dataChangeEvent.entities";
                return null;
            }

            foreach (var entity in entities.EnumerateArray())
            {
                if (Text(entity, "name") is not { } name || Text(entity, "id") is not { } id || Text(entity, "operation") is not { } operation)
                {
                    problem = "an entity change needs name, id and operation";
                    return null;
                }

                notices.Add(new IntuitNotice(realm, name, id, operation));
            }
        }

        return notices;
    }

    private static IntuitNotice? FromCloudEvent(JsonElement cloudEvent)
    {
        // "qbo.invoice.updated.v1": the entity, then the operation in the past tense.
        var parts = Text(cloudEvent, "type")?.Split('.');
        if (parts is not { Length: >= 3 } || parts[0] != "qbo" || Text(cloudEvent, "intuitentityid") is not { } id
            || Text(cloudEvent, "intuitaccountid") is not { } realm)
        {
            return null;
        }

        return new IntuitNotice(realm, EntityName(parts[1]), id, Operation(parts[2]));
    }

    /// <summary>QBO's entity names are PascalCase (Invoice, SalesReceipt); CloudEvents write them in lower case.</summary>
    private static string EntityName(string lower) => lower switch
    {
        "salesreceipt" => "SalesReceipt",
        "refundreceipt" => "RefundReceipt",
        "creditmemo" => "CreditMemo",
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(lower),
    };

    private static string Operation(string pastTense) => pastTense switch
    {
        "created" => IntuitOperations.Create,
        "updated" => IntuitOperations.Update,
        "deleted" => IntuitOperations.Delete,
        "voided" => IntuitOperations.Void,
        "merged" => IntuitOperations.Merge,
        "emailed" => IntuitOperations.Emailed,
        _ => pastTense,
    };

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
