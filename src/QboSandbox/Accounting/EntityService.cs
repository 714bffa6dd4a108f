using System.Text.Json.Nodes;
using QboSandbox.Books;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>Create, change and read for every supported entity, each under the company's gate; results are copies.</summary>
internal static class EntityService
{
    public static bool CanCreate(string entity) => EntityKind.Of(entity) is not null;

    /// <summary>Validates and stores; returns a copy of the stored row (callers may serialize it freely).</summary>
    public static JsonObject Create(Company company, string entity, JsonObject body, CreateContext context)
    {
        var kind = EntityKind.Of(entity) ?? throw QboException.UnsupportedOperation($"Operation create is not supported for {entity}");
        lock (company.Gate)
        {
            return EntityWrites.Create(company, kind, body, context).DeepClone().AsObject();
        }
    }

    /// <summary>update, void or delete.</summary>
    public static JsonObject Change(Company company, string entity, string operation, JsonObject body, CreateContext context)
    {
        var kind = EntityKind.Of(entity)
            ?? throw QboException.UnsupportedOperation($"Operation {operation} is not supported for {entity}");
        lock (company.Gate)
        {
            JsonObject result = operation.ToUpperInvariant() switch
            {
                "UPDATE" => EntityWrites.Update(company, kind, body, context),
                "VOID" => EntityWrites.Void(company, kind, body, context),
                "DELETE" => EntityWrites.Delete(company, kind, body, context),
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
