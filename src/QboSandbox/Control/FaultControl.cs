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
        if (FaultRuleValidation.Problem(body) is { } problem)
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, problem);
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
