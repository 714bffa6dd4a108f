using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Throttling;

/// <summary>
/// Counts every Accounting API request against its realm and answers 429 ThrottleExceeded (code 3001)
/// when a per-minute, per-second, concurrency or batch limit would be exceeded (REFERENCE §6).
/// </summary>
internal static class ThrottleFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<SandboxState>();
        var realmId = http.Request.RouteValues["realmId"] as string ?? "";
        var isBatch = http.Request.Path.Value?.EndsWith("/batch", StringComparison.OrdinalIgnoreCase) == true;
        var traffic = state.Traffic.For(realmId);
        var now = state.Time.GetUtcNow();
        try
        {
            if (!traffic.TryEnter(now, isBatch, state.Options))
            {
                Log.Throttled(state.ApiLogger, realmId);
                return QboFault.Throttled(now);
            }

            return await next(context).ConfigureAwait(false);
        }
        finally
        {
            traffic.Exit();
        }
    }
}
