using System.Collections.Concurrent;
using QboSandbox.Http;

namespace QboSandbox.Idempotency;

/// <summary>
/// First response per (realm, requestid). A concurrent duplicate waits for the first to finish instead of
/// running again, so a retried create never writes twice (REFERENCE §2.4).
/// </summary>
internal sealed class IdempotencyCache
{
    private readonly ConcurrentDictionary<(string RealmId, string RequestId), Task<RawJsonResult>> _entries = new();

    public int Count => _entries.Count;

    public async Task<object?> RunAsync(string realmId, string requestId, Func<Task<object?>> action)
    {
        var key = (realmId, requestId);
        var first = new TaskCompletionSource<RawJsonResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        while (!_entries.TryAdd(key, first.Task))
        {
            // A failed first attempt removes its entry; then this request becomes the first.
            if (_entries.TryGetValue(key, out var earlier))
            {
                return await earlier.ConfigureAwait(false);
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

    public void Clear() => _entries.Clear();
}
