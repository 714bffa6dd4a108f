using System.Collections.Concurrent;
using QboSandbox.Http;

namespace QboSandbox.Idempotency;

/// <summary>
/// First response per (realm, requestid). A concurrent duplicate waits for the first to finish instead of
/// running again, so a retried create never writes twice (REFERENCE §2.4). Bounded: entries older than
/// <see cref="SandboxOptions.RequestIdRetention"/> are forgotten, and beyond <see cref="SandboxOptions.MaxRequestIds"/>
/// the oldest go first. Intuit documents no retention; a client must not rely on replay forever.
/// </summary>
internal sealed class IdempotencyCache(SandboxOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string RealmId, string RequestId), Entry> _entries = new();

    public int Count => _entries.Count;

    public async Task<object?> RunAsync(string realmId, string requestId, Func<Task<object?>> action)
    {
        var key = (realmId, requestId);
        var first = new TaskCompletionSource<RawJsonResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var mine = new Entry(first.Task, time.GetUtcNow());
        Evict(mine.StoredAt);
        while (!_entries.TryAdd(key, mine))
        {
            // A failed first attempt removes its entry; then this request becomes the first.
            if (_entries.TryGetValue(key, out var earlier))
            {
                return await earlier.Response.ConfigureAwait(false);
            }
        }

        try
        {
            var result = await action().ConfigureAwait(false);
            if (result is RawJsonResult raw)
            {
                first.SetResult(raw);
            }
            else
            {
                // Not a finished QBO response (e.g. the connection was aborted before a body existed): forget it.
                _entries.TryRemove(key, out _);
                first.SetCanceled();
            }

            return result;
        }
        catch (Exception ex)
        {
            _entries.TryRemove(key, out _);
            first.SetException(ex);
            _ = first.Task.Exception; // observed here; a waiting duplicate rethrows it itself
            throw;
        }
    }

    /// <summary>Forgets the stored responses of one realm (or all); returns how many.</summary>
    public int Forget(string? realmId)
    {
        var count = 0;
        foreach (var key in _entries.Keys.Where(k => realmId is null || k.RealmId == realmId).ToList())
        {
            count += _entries.TryRemove(key, out _) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Forgets the stored response of one requestid; a repeat then runs again.</summary>
    public bool Forget(string realmId, string requestId) => _entries.TryRemove((realmId, requestId), out _);

    public void Clear() => _entries.Clear();

    /// <summary>Finished responses, for the state file.</summary>
    public IReadOnlyList<SavedResponse> Export() =>
    [
        .. _entries.Where(e => e.Value.Response.IsCompletedSuccessfully).Select(e => new SavedResponse(
            e.Key.RealmId, e.Key.RequestId, e.Value.StoredAt, e.Value.Response.Result.StatusCode,
            e.Value.Response.Result.ContentType, Convert.ToBase64String(e.Value.Response.Result.Body))),
    ];

    public void Import(IEnumerable<SavedResponse> saved)
    {
        foreach (var s in saved)
        {
            var raw = new RawJsonResult(s.Status, Convert.FromBase64String(s.Body), s.ContentType);
            _entries[(s.RealmId, s.RequestId)] = new Entry(Task.FromResult(raw), s.StoredAt);
        }
    }

    private void Evict(DateTimeOffset now)
    {
        var oldest = now - options.RequestIdRetention;
        foreach (var (key, entry) in _entries)
        {
            if (entry.StoredAt < oldest && entry.Response.IsCompleted)
            {
                _entries.TryRemove(key, out _);
            }
        }

        var excess = _entries.Count - Math.Max(1, options.MaxRequestIds) + 1;
        if (excess > 0)
        {
            foreach (var (key, _) in _entries.Where(e => e.Value.Response.IsCompleted).OrderBy(e => e.Value.StoredAt).Take(excess).ToList())
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(Task<RawJsonResult> Response, DateTimeOffset StoredAt);
}

/// <summary>A stored requestid response as the state file keeps it (body base64).</summary>
public sealed record SavedResponse(string RealmId, string RequestId, DateTimeOffset StoredAt, int Status, string ContentType, string Body);
