using System.Text.Json;
using System.Text.Json.Nodes;
using QboSandbox.Idempotency;
using QboSandbox.OAuth;

namespace QboSandbox.State;

/// <summary>
/// Saves and loads <see cref="SandboxOptions.StateFile"/>: companies (settings, CompanyInfo, every table with
/// its id counter and deletions), the realm counter, OAuth apps, connections and tokens, and stored
/// requestid responses. Written to a temporary file and renamed, so a crash never leaves half a file.
/// </summary>
internal static class StateFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static void Save(SandboxState state, string path)
    {
        var saved = new SavedState(
            1,
            state.Companies.NextRealm,
            [.. state.Companies.All.Select(SaveCompany)],
            [.. state.Apps.All],
            state.OAuth.Export(),
            state.Idempotency.Export());
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(saved, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Loads a saved state into an empty sandbox; false when there is no file.</summary>
    public static bool Load(SandboxState state, string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        var saved = JsonSerializer.Deserialize<SavedState>(File.ReadAllBytes(path), Json)
            ?? throw new InvalidDataException($"The sandbox state file {path} is empty.");
        foreach (var company in saved.Companies)
        {
            state.Track(state.Companies.Add(LoadCompany(company)));
        }

        state.Companies.NextRealm = saved.NextRealm;
        foreach (var app in saved.Apps)
        {
            state.Apps.Register(app);
        }

        state.OAuth.Import(saved.Grants);
        state.Idempotency.Import(saved.RequestIds);
        return true;
    }

    private static SavedCompany SaveCompany(Company company)
    {
        lock (company.Gate)
        {
            return new SavedCompany(
                company.RealmId,
                company.CompanyName,
                company.Settings,
                company.CompanyInfo.DeepClone().AsObject(),
                company.Tables.ToDictionary(t => t.Key, t => new SavedTable(
                    t.Value.LastId,
                    [.. t.Value.Rows.Select(r => r.DeepClone().AsObject())],
                    t.Value.Deleted.ToDictionary(d => d.Key, d => d.Value))));
        }
    }

    private static Company LoadCompany(SavedCompany saved)
    {
        var company = new Company(saved.RealmId, saved.CompanyName, saved.Settings, saved.CompanyInfo);
        foreach (var (entity, table) in saved.Tables)
        {
            var target = company.Table(entity);
            foreach (var row in table.Rows)
            {
                target.Add(row);
            }

            foreach (var (id, at) in table.Deleted)
            {
                target.MarkDeleted(id, at);
            }

            target.LastId = table.LastId;
        }

        return company;
    }
}

internal sealed record SavedState(
    int Version, long NextRealm, IReadOnlyList<SavedCompany> Companies, IReadOnlyList<SandboxOAuthApp> Apps,
    IReadOnlyList<SavedGrant> Grants, IReadOnlyList<SavedResponse> RequestIds);

internal sealed record SavedCompany(
    string RealmId, string CompanyName, CompanySettings Settings, JsonObject CompanyInfo, Dictionary<string, SavedTable> Tables);

internal sealed record SavedTable(long LastId, List<JsonObject> Rows, Dictionary<string, DateTimeOffset> Deleted);
