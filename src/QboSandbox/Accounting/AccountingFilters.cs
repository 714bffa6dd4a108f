using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>Bearer-token check and QBO error mapping shared by every Accounting API endpoint.</summary>
internal static class AccountingFilters
{
    public const string AccountingScope = "com.intuit.quickbooks.accounting";

    /// <summary>Token known, not revoked, not expired (401); issued for this realm (401 code 120); accounting scope (403).</summary>
    public static async ValueTask<object?> RequireBearerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<SandboxState>();
        var now = state.Time.GetUtcNow();
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? state.OAuth.FindAccessToken(header["Bearer ".Length..].Trim())
            : null;
        if (token is null || !token.IsValid(now))
        {
            Log.Unauthenticated(state.ApiLogger, http.Request.Path);
            return AuthFaults.Unauthenticated(state.Options, now);
        }

        if (token.Grant.RealmId != http.Request.RouteValues["realmId"] as string)
        {
            return AuthFaults.WrongCompany(now);
        }

        if (!token.Grant.Scope.Split(' ').Contains(AccountingScope, StringComparer.Ordinal))
        {
            return AuthFaults.MissingScope(now);
        }

        return await next(context).ConfigureAwait(false);
    }

    /// <summary>QboException → 400 Fault; anything else → a logged 500 SystemFault without internals.</summary>
    public static async ValueTask<object?> MapErrorsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var state = context.HttpContext.RequestServices.GetRequiredService<SandboxState>();
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (QboException ex)
        {
            return QboFault.Result(StatusCodes.Status400BadRequest, ex, state.Time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.UnexpectedError(state.ApiLogger, ex, context.HttpContext.Request.Path);
            return QboFault.SystemError(state.Time.GetUtcNow());
        }
    }
}
