using QboSandbox.State;
using QboSandbox.Webhooks;

namespace QboSandbox.Control;

/// <summary>
/// Webhook endpoints of apps (what the Intuit developer portal's Webhooks page sets), sending waiting events now,
/// and the log of delivery attempts.
/// </summary>
internal static class WebhookControl
{
    public static void MapWebhookControl(this RouteGroupBuilder control)
    {
        control.MapPost("/webhooks", RegisterAsync).WithName("SandboxRegisterWebhook");
        control.MapGet("/webhooks", List).WithName("SandboxListWebhooks");
        control.MapDelete("/webhooks/{id:int}", Remove).WithName("SandboxRemoveWebhook");
        control.MapPost("/webhooks/flush", FlushAsync).WithName("SandboxFlushWebhooks");
        control.MapGet("/webhooks/deliveries", Deliveries).WithName("SandboxWebhookDeliveries");
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, SandboxState state)
    {
        var body = await ControlJson.ReadAsync<SandboxWebhook>(request).ConfigureAwait(false);
        if (state.Apps.Find(body.ClientId) is null)
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, $"No app {body.ClientId}: register it first (POST /_sandbox/apps).");
        }

        if (WebhookRegistration.Problem(body) is { } problem)
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, problem);
        }

        var id = state.RegisterWebhook(body);
        // The verifier token is shown once, like the portal's "Show token".
        var summary = state.GetWebhooks().Single(w => w.Id == id);
        return ControlJson.Created(new
        {
            summary.Id,
            summary.Url,
            summary.ClientId,
            summary.Format,
            summary.Entities,
            VerifierToken = state.GetWebhookVerifierToken(id),
        });
    }

    private static IResult List(SandboxState state) => ControlJson.Ok(state.GetWebhooks());

    private static IResult Remove(int id, SandboxState state) =>
        state.RemoveWebhook(id) ? Results.NoContent() : ControlJson.Error(StatusCodes.Status404NotFound, $"No webhook {id}.");

    private static async Task<IResult> FlushAsync(SandboxState state, CancellationToken cancellationToken) =>
        ControlJson.Ok(await state.FlushWebhooksAsync(cancellationToken).ConfigureAwait(false));

    private static IResult Deliveries(SandboxState state) => ControlJson.Ok(state.GetWebhookDeliveries());
}
