using System.Text.Json.Nodes;
using QboSandbox.Books;
using QboSandbox.Http;
using QboSandbox.Ledger;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>
/// Create, change and read for every supported entity, each under the company's gate; results are copies. Accounts
/// leave with CurrentBalance from the ledger (<see cref="CurrentBalances"/>) and customers with their open balance
/// (<see cref="CustomerBalances"/>), whichever way they are read.
/// </summary>
internal static class EntityService
{
    public static bool CanCreate(string entity) => EntityKind.Of(entity) is not null;

    /// <summary>Validates and stores; returns a copy of the stored row (callers may serialize it freely).</summary>
    public static JsonObject Create(Company company, string entity, JsonObject body, CreateContext context)
    {
        var kind = EntityKind.Of(entity) ?? throw QboException.UnsupportedOperation($"Operation create is not supported for {entity}");
        lock (company.Gate)
        {
            return Present(company, kind.Entity, EntityWrites.Create(company, kind, body, context));
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
            return Present(company, kind.Entity, result);
        }
    }

    public static JsonObject Read(Company company, string entity, string id)
    {
        lock (company.Gate)
        {
            var row = company.Table(entity).Find(id) ?? throw QboException.ObjectNotFound(entity);
            return Present(company, entity, row);
        }
    }

    public static List<JsonObject> Snapshot(Company company, string entity)
    {
        lock (company.Gate)
        {
            return [.. Rows(company, entity).Select(r => r.DeepClone().AsObject())];
        }
    }

    /// <summary>
    /// The rows as clients see them (call under the gate): stored rows, except accounts and customers, which are copies
    /// with their balances.
    /// </summary>
    public static IReadOnlyList<JsonObject> Rows(Company company, string entity) =>
        WithBalances(company, entity, company.Rows(entity)) ?? company.Rows(entity);

    private static JsonObject Present(Company company, string entity, JsonObject row) =>
        row.ContainsKey("Id") && !row.ContainsKey("status") && WithBalances(company, entity, [row]) is [var filled]
            ? filled
            : row.DeepClone().AsObject();

    /// <summary>Copies with the read-only balances QBO computes, or null for entities without any.</summary>
    private static List<JsonObject>? WithBalances(Company company, string entity, IEnumerable<JsonObject> rows) =>
        entity.ToUpperInvariant() switch
        {
            "ACCOUNT" => CurrentBalances.Fill(company, rows),
            "CUSTOMER" => CustomerBalances.Fill(company, rows),
            _ => null,
        };
}
