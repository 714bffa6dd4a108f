using System.Text.Json.Nodes;

namespace QboSandbox.State;

/// <summary>
/// One sandbox company (realm). All reads and writes of its entities happen under <see cref="Gate"/>,
/// so uniqueness checks and id allocation cannot race.
/// </summary>
internal sealed class Company(string realmId, string companyName, JsonObject companyInfo)
{
    private readonly Dictionary<string, EntityTable> _tables = new(StringComparer.OrdinalIgnoreCase);

    public string RealmId { get; } = realmId;

    public string CompanyName { get; } = companyName;

    public JsonObject CompanyInfo { get; } = companyInfo;

    public Lock Gate { get; } = new();

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
}
