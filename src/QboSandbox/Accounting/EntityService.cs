using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>Create and read for every supported entity, each under the company's gate.</summary>
internal static class EntityService
{
    private static readonly Dictionary<string, Func<Company, JsonObject, CreateContext, JsonObject>> Creators =
        new(StringComparer.OrdinalIgnoreCase)
        {
            [EntityNames.Customer] = CustomerRules.Create,
            [EntityNames.Item] = ItemRules.Create,
            [EntityNames.Account] = AccountRules.Create,
            [EntityNames.Invoice] = InvoiceRules.Create,
        };

    public static bool CanCreate(string entity) => Creators.ContainsKey(entity);

    /// <summary>Validates and stores; returns a copy of the stored row (callers may serialize it freely).</summary>
    public static JsonObject Create(Company company, string entity, JsonObject body, CreateContext context)
    {
        var creator = Creators.GetValueOrDefault(entity)
            ?? throw QboException.UnsupportedOperation($"Operation create is not supported for {entity}");
        lock (company.Gate)
        {
            return creator(company, body, context).DeepClone().AsObject();
        }
    }

    /// <summary>update, void or delete of an invoice; other entities and operations are not emulated.</summary>
    public static JsonObject Change(Company company, string entity, string operation, JsonObject body, CreateContext context)
    {
        if (!string.Equals(entity, EntityNames.Invoice, StringComparison.Ordinal))
        {
            throw QboException.UnsupportedOperation($"Operation {operation} is not supported for {entity} by the local sandbox");
        }

        lock (company.Gate)
        {
            JsonObject result = operation.ToUpperInvariant() switch
            {
                "UPDATE" => InvoiceChanges.Update(company, body, context),
                "VOID" => InvoiceChanges.Void(company, body, context),
                "DELETE" => InvoiceChanges.Delete(company, body),
                _ => throw QboException.UnsupportedOperation($"Operation {operation} is not supported"),
            };
            return result.DeepClone().AsObject();
        }
    }

    public static JsonObject Read(Company company, string entity, string id)
    {
        lock (company.Gate)
        {
            var row = company.Table(entity).Find(id) ?? throw QboException.ObjectNotFound(entity);
            return row.DeepClone().AsObject();
        }
    }

    public static List<JsonObject> Snapshot(Company company, string entity)
    {
        lock (company.Gate)
        {
            return [.. company.Rows(entity).Select(r => r.DeepClone().AsObject())];
        }
    }
}
