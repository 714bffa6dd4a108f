using QboSandbox.Http;

namespace QboSandbox.Control;

/// <summary>
/// /_sandbox/…: the test-facing control API (camelCase JSON). It has no authentication: the sandbox
/// binds to loopback only unless told otherwise.
/// </summary>
internal static class ControlEndpoints
{
    public static RouteGroupBuilder MapControlEndpoints(this IEndpointRouteBuilder root)
    {
        var control = root.MapGroup("/_sandbox");
        control.AddEndpointFilter(MapControlErrorsAsync);
        control.MapCompanyControl();
        control.MapSettingsControl();
        control.MapLedgerControl();
        control.MapAuthControl();
        control.MapFaultControl();
        control.MapAdminControl();
        control.MapWebhookControl();
        return control;
    }

    private static async ValueTask<object?> MapControlErrorsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (ControlException ex)
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (QboException ex)
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, $"{ex.Code} {ex.Message}", ex.Detail);
        }
    }
}
