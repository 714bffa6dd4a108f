using QboSandbox.State;

namespace QboSandbox.Faults;

/// <summary>
/// Applies the first matching injected fault: latency first, then a canned response, or a dropped
/// connection before or after the request is committed (the client then sees a network error).
/// </summary>
internal static class FaultFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<SandboxState>();
        var realmId = http.Request.RouteValues["realmId"] as string;
        var path = http.Request.Path.Value ?? "/";
        var rule = state.Faults.Fire(realmId, http.Request.Method, path, EntitySegment(path, realmId));
        if (rule is null)
        {
            return await next(context).ConfigureAwait(false);
        }

        var fault = rule.Request;
        Log.FaultFired(state.ApiLogger, rule.Id, http.Request.Method, path);
        if (fault.LatencyMs is > 0)
        {
            // The timer exists before the request reports itself waiting, so a test that sees it
            // waiting and then advances a fake clock always releases it.
            var delay = Task.Delay(TimeSpan.FromMilliseconds(fault.LatencyMs.Value), state.Time, http.RequestAborted);
            state.Faults.EnterWait();
            try
            {
                await delay.ConfigureAwait(false);
            }
            finally
            {
                state.Faults.ExitWait();
            }
        }

        if (string.Equals(fault.Drop, "beforeCommit", StringComparison.OrdinalIgnoreCase))
        {
            http.Abort();
            return Results.Empty;
        }

        if (string.Equals(fault.Drop, "afterCommit", StringComparison.OrdinalIgnoreCase))
        {
            // The handler runs and its write stays; the response is never sent.
            await next(context).ConfigureAwait(false);
            ForgetRequestIdIfAsked(http, state, fault);
            http.Abort();
            return Results.Empty;
        }

        if (fault.Status is not null || fault.FaultType is not null)
        {
            return CannedFaults.Build(fault, state.Options, state.Time.GetUtcNow());
        }

        var result = await next(context).ConfigureAwait(false);
        ForgetRequestIdIfAsked(http, state, fault);
        return result;
    }

    /// <summary>
    /// Drops the stored answer of this request's requestid once it has run, so a retry is not recognised: Intuit
    /// documents no retention for requestids (REFERENCE §2.4), and a client must survive a memory that has lapsed.
    /// </summary>
    private static void ForgetRequestIdIfAsked(HttpContext http, SandboxState state, FaultRuleRequest fault)
    {
        var requestId = http.Request.Query["requestid"].ToString();
        if (fault.ForgetRequestId is true && requestId.Length > 0 && http.Request.RouteValues["realmId"] is string realmId)
        {
            state.Idempotency.Forget(realmId, requestId);
        }
    }

    /// <summary>The Accounting API segment after /v3/company/{realmId}/ (invoice, query, batch, …).</summary>
    private static string? EntitySegment(string path, string? realmId)
    {
        if (realmId is null)
        {
            return null;
        }

        var prefix = $"/v3/company/{realmId}/";
        var index = path.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return null;
        }

        var rest = path[(index + prefix.Length)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }
}
