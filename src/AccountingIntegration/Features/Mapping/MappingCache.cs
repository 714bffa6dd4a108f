using System.Collections.Concurrent;
using AccountingIntegration.Mapping;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Mapping;

/// <summary>
/// Merged mappings by organization and source. Any change to a layer drops what it affects: a
/// template change bumps the global generation (every organization), an override or source-mapping
/// change bumps that organization's. Entries also expire after <see cref="Lifetime"/>, which
/// bounds how long another service instance can serve a mapping changed elsewhere.
/// </summary>
internal sealed class MappingCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, long> _organizationGenerations = new(StringComparer.Ordinal);
    private long _globalGeneration;

    public bool TryGet(string organizationId, string sourceId, out EffectiveMapping? mapping) =>
        cache.TryGetValue(Key(organizationId, sourceId), out mapping);

    public void Set(string organizationId, string sourceId, EffectiveMapping mapping) =>
        cache.Set(Key(organizationId, sourceId), mapping, Lifetime);

    public void InvalidateAll() => Interlocked.Increment(ref _globalGeneration);

    public void InvalidateOrganization(string organizationId) =>
        _organizationGenerations.AddOrUpdate(organizationId, 1, (_, generation) => generation + 1);

    private string Key(string organizationId, string sourceId) =>
        $"mapping:{Interlocked.Read(ref _globalGeneration)}:{_organizationGenerations.GetValueOrDefault(organizationId)}:{organizationId}:{sourceId}";
}

/// <summary>The merged mapping of a source, or null when no layer applies (NO_MAPPING).</summary>
internal sealed record EffectiveMapping(MergedMapping? Mapping, string SourceType);
