using System.Globalization;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Sync.References;

/// <summary>One active customer or item as the directory knows it: its id and, for a customer, its currency and e-mail.</summary>
internal sealed record DirectoryEntry(string Id, string? Currency, string? Email = null);

/// <summary>
/// A company's active customers or items (<see cref="ReferenceDirectory"/>), indexed the ways references are looked
/// up: customers by e-mail and DisplayName, items by Name and Sku, each compared as QBO compares names (ignoring case).
/// </summary>
internal sealed class DirectoryIndex(string entity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<DirectoryEntry>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _keysById = new(StringComparer.Ordinal);

    public string Entity { get; } = entity;

    /// <summary>Every active row of the company was loaded: a value not found here is not in QBO (as of <see cref="SyncedAt"/>).</summary>
    public bool Complete { get; set; }

    /// <summary>When the index was last brought up to date with QBO, on the service's clock.</summary>
    public DateTimeOffset SyncedAt { get; set; }

    /// <summary>When it was loaded whole; a delta keeps it current, a fresh load now and then heals anything a delta missed.</summary>
    public DateTimeOffset LoadedAt { get; set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _keysById.Count;
            }
        }
    }

    /// <summary>The entries a customer e-mail matches, lowest id first (the same value keeps resolving to the same entity).</summary>
    public IReadOnlyList<DirectoryEntry> ByEmail(string email) => Find("email:" + email.Trim().ToLowerInvariant());

    /// <summary>The entries a customer DisplayName or an item Name matches, lowest id first.</summary>
    public IReadOnlyList<DirectoryEntry> ByName(string name) => Find("name:" + ReferenceNames.Normalize(name));

    /// <summary>The items a SKU matches, lowest id first.</summary>
    public IReadOnlyList<DirectoryEntry> BySku(string sku) => Find("sku:" + sku.Trim().ToLowerInvariant());

    /// <summary>Adds or replaces a row as QBO returned it; an inactive or deleted one leaves the index.</summary>
    public void Put(JsonObject row)
    {
        if ((string?)row["Id"] is not { } id)
        {
            return;
        }

        lock (_gate)
        {
            RemoveLocked(id);
            var gone = (string?)row["status"] == "Deleted" || row["Active"] is JsonValue active && active.TryGetValue<bool>(out var isActive) && !isActive;
            if (gone)
            {
                return;
            }

            var keys = KeysOf(row).ToArray();
            var entry = new DirectoryEntry(id, (string?)row["CurrencyRef"]?["value"], EmailOf(row));
            foreach (var key in keys)
            {
                if (!_byKey.TryGetValue(key, out var entries))
                {
                    entries = [];
                    _byKey[key] = entries;
                }

                var at = entries.FindIndex(e => IdOrder(e.Id) > IdOrder(id));
                entries.Insert(at < 0 ? entries.Count : at, entry);
            }

            _keysById[id] = keys;
        }
    }

    private IReadOnlyList<DirectoryEntry> Find(string key)
    {
        lock (_gate)
        {
            return _byKey.TryGetValue(key, out var entries) ? [.. entries] : [];
        }
    }

    private void RemoveLocked(string id)
    {
        if (!_keysById.Remove(id, out var keys))
        {
            return;
        }

        foreach (var key in keys)
        {
            if (_byKey.TryGetValue(key, out var entries))
            {
                entries.RemoveAll(e => e.Id == id);
                if (entries.Count == 0)
                {
                    _byKey.Remove(key);
                }
            }
        }
    }

    /// <summary>A customer's e-mail, trimmed; null when it has none.</summary>
    public static string? EmailOf(JsonObject row) =>
        ((string?)row["PrimaryEmailAddr"]?["Address"])?.Trim() is { Length: > 0 } email ? email : null;

    private IEnumerable<string> KeysOf(JsonObject row)
    {
        if (Entity == ReferenceNames.Customer)
        {
            if ((string?)row["DisplayName"] is { Length: > 0 } name)
            {
                yield return "name:" + ReferenceNames.Normalize(name);
            }

            if (EmailOf(row) is { } email)
            {
                yield return "email:" + email.ToLowerInvariant();
            }

            yield break;
        }

        if ((string?)row["Name"] is { Length: > 0 } itemName)
        {
            yield return "name:" + ReferenceNames.Normalize(itemName);
        }

        if ((string?)row["Sku"] is { Length: > 0 } sku)
        {
            yield return "sku:" + sku.Trim().ToLowerInvariant();
        }
    }

    private static long IdOrder(string id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : long.MaxValue;
}
