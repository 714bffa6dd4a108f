using System.Text.Json.Nodes;

namespace QboSandbox.State;

/// <summary>
/// One sandbox company (realm). All reads and writes of its entities happen under <see cref="Gate"/>,
/// so uniqueness checks and id allocation cannot race.
/// </summary>
internal sealed class Company(string realmId, string companyName, CompanySettings settings, JsonObject companyInfo)
{
    private readonly Dictionary<string, EntityTable> _tables = new(StringComparer.OrdinalIgnoreCase);

    public string RealmId { get; } = realmId;

    public string CompanyName { get; } = companyName;

    public JsonObject CompanyInfo { get; set; } = companyInfo;

    /// <summary>Always complete (<see cref="CompanySettings.WithDefaults"/>); replaced as a whole.</summary>
    public CompanySettings Settings { get; set; } = settings.WithDefaults();

    public Region Region => Region.Of(Settings.Country);

    public Lock Gate { get; } = new();

    /// <summary>Called (under the gate) for every create, update, void and delete: CDC and webhooks listen.</summary>
    public Action<Company, EntityChange>? Changed { get; set; }

    public IEnumerable<KeyValuePair<string, EntityTable>> Tables => _tables;

    /// <summary>True once the entity has a table (asking does not create one, unlike <see cref="Table"/>).</summary>
    public bool HasTable(string entity) => _tables.ContainsKey(entity);

    public EntityTable Table(string entity)
    {
        if (!_tables.TryGetValue(entity, out var table))
        {
            table = new EntityTable();
            _tables[entity] = table;
        }

        return table;
    }

    /// <summary>Rows of a queryable entity; CompanyInfo is a single row kept outside the tables.</summary>
    public IReadOnlyList<JsonObject> Rows(string entity) =>
        string.Equals(entity, EntityNames.CompanyInfo, StringComparison.OrdinalIgnoreCase) ? [CompanyInfo] : Table(entity).Rows;

    public void Record(string entity, string id, string operation, DateTimeOffset at) =>
        Changed?.Invoke(this, new EntityChange(RealmId, entity, id, operation, at));
}

/// <summary>One change to one entity: Create, Update, Void, Delete (QBO's webhook operation names).</summary>
public sealed record EntityChange(string RealmId, string Entity, string Id, string Operation, DateTimeOffset At);
