using System.Collections.Concurrent;
using System.Globalization;

namespace QboSandbox.State;

/// <summary>Sandbox companies by realm id. Realm ids are deterministic: 9341450000000001, …0002, ….</summary>
internal sealed class CompanyRegistry(TimeProvider time)
{
    public const long FirstRealmId = 9_341_450_000_000_001;

    private readonly ConcurrentDictionary<string, Company> _companies = new(StringComparer.Ordinal);
    private long _nextRealm = FirstRealmId;

    public IReadOnlyList<Company> All => [.. _companies.Values.OrderBy(c => c.RealmId, StringComparer.Ordinal)];

    public Company? Find(string realmId) => _companies.GetValueOrDefault(realmId);

    /// <summary>The next realm id handed out (persisted with the state).</summary>
    public long NextRealm
    {
        get => Interlocked.Read(ref _nextRealm);
        set => Interlocked.Exchange(ref _nextRealm, value);
    }

    /// <summary>A bare company: callers seed it (<see cref="Books.CompanySetup.Seed"/>) before others can see data in it.</summary>
    public Company Create(string? companyName, string? realmId = null, CompanySettings? settings = null)
    {
        realmId ??= (Interlocked.Increment(ref _nextRealm) - 1).ToString(CultureInfo.InvariantCulture);
        var name = string.IsNullOrWhiteSpace(companyName) ? $"Sandbox Company {realmId[^4..]}" : companyName.Trim();
        var complete = (settings ?? new CompanySettings()).WithDefaults();
        var company = new Company(realmId, name, complete, CompanyInfoRow.Build(name, Region.Of(complete.Country), complete.Subdivision, time.GetUtcNow()));
        return Add(company);
    }

    public Company Add(Company company)
    {
        return _companies.TryAdd(company.RealmId, company)
            ? company
            : throw new InvalidOperationException($"Realm {company.RealmId} already exists.");
    }

    public bool Remove(string realmId) => _companies.TryRemove(realmId, out _);

    public void Clear()
    {
        _companies.Clear();
        Interlocked.Exchange(ref _nextRealm, FirstRealmId);
    }
}
