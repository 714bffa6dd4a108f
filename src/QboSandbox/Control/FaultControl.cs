using QboSandbox.Faults;
using QboSandbox.State;

namespace QboSandbox.Control;

/// <summary>Inject, list and clear faults.</summary>
internal static class FaultControl
{
    public static void MapFaultControl(this RouteGroupBuilder control)
    {
        control.MapPost("/faults", AddFaultAsync).WithName("SandboxAddFault");
        control.MapGet("/faults", ListFaults).WithName("SandboxListFaults");
        control.MapDelete("/faults/{id:int}", RemoveFault).WithName("SandboxRemoveFault");
        control.MapDelete("/faults", ClearFaults).WithName("SandboxClearFaults");
    }

    private static async Task<IResult> AddFaultAsync(HttpRequest request, SandboxState state)
    {
        var body = await ControlJson.ReadAsync<FaultRuleRequest>(request).ConfigureAwait(false);
        if (body.FaultType is { } type && !CannedFaults.IsKnown(type))
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, $"Unknown faultType {type}.");
        }

        if (body.Probability is < 0 or > 1 || body.Count is < 0 || body.LatencyMs is < 0)
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, "probability must be 0..1; count and latencyMs must not be negative.");
        }

        if (body.Drop is { } drop && !drop.Equals("beforeCommit", StringComparison.OrdinalIgnoreCase)
            && !drop.Equals("afterCommit", StringComparison.OrdinalIgnoreCase))
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, "drop must be beforeCommit or afterCommit.");
        }

        if (body.Status is null && body.FaultType is null && body.Drop is null && body.LatencyMs is null)
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, "Give status, faultType, drop or latencyMs.");
        }

        var rule = state.Faults.Add(body);
        return ControlJson.Created(Summary(rule));
    }

    private static IResult ListFaults(SandboxState state) => ControlJson.Ok(state.Faults.All.Select(Summary).ToList());

    private static IResult RemoveFault(int id, SandboxState state) =>
        state.Faults.Remove(id) ? Results.NoContent() : ControlJson.Error(StatusCodes.Status404NotFound, $"No fault {id}.");

    private static IResult ClearFaults(SandboxState state)
    {
        state.Faults.Clear();
        return Results.NoContent();
    }

    private static FaultSummary Summary(FaultRule rule) => new(rule.Id, rule.Hits, rule.Remaining, rule.Request);
}
