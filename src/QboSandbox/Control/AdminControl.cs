using QboSandbox.State;

namespace QboSandbox.Control;

/// <summary>Statistics, runtime options and full reset.</summary>
internal static class AdminControl
{
    public static void MapAdminControl(this RouteGroupBuilder control)
    {
        control.MapGet("/stats", Stats).WithName("SandboxStats");
        control.MapPost("/stats/reset", ResetStats).WithName("SandboxResetStats");
        control.MapPost("/reset", Reset).WithName("SandboxReset");
        control.MapGet("/options", ReadOptions).WithName("SandboxReadOptions");
        control.MapPatch("/options", PatchOptionsAsync).WithName("SandboxPatchOptions");
        control.MapPost("/requestids/forget", ForgetRequestIdsAsync).WithName("SandboxForgetRequestIds");
        control.MapPost("/state/save", SaveState).WithName("SandboxSaveState");
    }

    private static async Task<IResult> ForgetRequestIdsAsync(HttpRequest request, SandboxState state)
    {
        var body = await ControlJson.ReadAsync<TokenActionRequest>(request).ConfigureAwait(false);
        return ControlJson.Ok(new { forgotten = state.ForgetRequestIds(body.RealmId) });
    }

    private static IResult SaveState(SandboxState state)
    {
        if (state.Options.StateFile is null)
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, "No state file is configured (SandboxOptions.StateFile).");
        }

        state.SaveState();
        return Results.NoContent();
    }

    private static IResult Stats(SandboxState state) => ControlJson.Ok(state.GetStats());

    private static IResult ResetStats(SandboxState state)
    {
        state.Traffic.Reset();
        return Results.NoContent();
    }

    private static IResult Reset(SandboxState state)
    {
        state.Reset();
        return Results.NoContent();
    }

    private static IResult ReadOptions(SandboxState state) => ControlJson.Ok(View(state.Options));

    private static async Task<IResult> PatchOptionsAsync(HttpRequest request, SandboxState state)
    {
        var patch = await ControlJson.ReadAsync<OptionsPatch>(request).ConfigureAwait(false);
        var o = state.Options;
        o.AutoApprove = patch.AutoApprove ?? o.AutoApprove;
        o.AutoApproveRealmId = patch.AutoApproveRealmId ?? o.AutoApproveRealmId;
        o.DuplicateDocNumberCheck = patch.DuplicateDocNumberCheck ?? o.DuplicateDocNumberCheck;
        o.DuplicateDocNumberErrorCode = patch.DuplicateDocNumberErrorCode ?? o.DuplicateDocNumberErrorCode;
        o.RequestsPerMinutePerRealm = patch.RequestsPerMinutePerRealm ?? o.RequestsPerMinutePerRealm;
        o.RequestsPerSecondPerRealm = patch.RequestsPerSecondPerRealm ?? o.RequestsPerSecondPerRealm;
        o.ConcurrentRequestsPerRealm = patch.ConcurrentRequestsPerRealm ?? o.ConcurrentRequestsPerRealm;
        o.BatchRequestsPerMinutePerRealm = patch.BatchRequestsPerMinutePerRealm ?? o.BatchRequestsPerMinutePerRealm;
        o.MaxBatchItems = patch.MaxBatchItems ?? o.MaxBatchItems;
        o.AuthFailureStyle = patch.AuthFailureStyle ?? o.AuthFailureStyle;
        o.AccessTokenLifetime = Seconds(patch.AccessTokenLifetimeSeconds) ?? o.AccessTokenLifetime;
        o.RefreshTokenRotationInterval = Seconds(patch.RefreshTokenRotationIntervalSeconds) ?? o.RefreshTokenRotationInterval;
        o.RotatedRefreshTokenGrace = Seconds(patch.RotatedRefreshTokenGraceSeconds) ?? o.RotatedRefreshTokenGrace;
        o.WebhookFlushInterval = Seconds(patch.WebhookFlushIntervalSeconds) ?? o.WebhookFlushInterval;
        if (patch.WebhookFlushIntervalSeconds is not null)
        {
            state.Webhooks.Wake();
        }

        return ControlJson.Ok(View(o));
    }

    private static TimeSpan? Seconds(double? value) => value is { } s ? TimeSpan.FromSeconds(s) : null;

    private static object View(SandboxOptions o) => new
    {
        o.AutoApprove,
        o.AutoApproveRealmId,
        o.DuplicateDocNumberCheck,
        o.DuplicateDocNumberErrorCode,
        o.RequestsPerMinutePerRealm,
        o.RequestsPerSecondPerRealm,
        o.ConcurrentRequestsPerRealm,
        o.BatchRequestsPerMinutePerRealm,
        o.MaxBatchItems,
        o.AuthFailureStyle,
        AccessTokenLifetimeSeconds = o.AccessTokenLifetime.TotalSeconds,
        RefreshTokenLifetimeSeconds = o.RefreshTokenLifetime.TotalSeconds,
        RefreshTokenRotationIntervalSeconds = o.RefreshTokenRotationInterval.TotalSeconds,
        RotatedRefreshTokenGraceSeconds = o.RotatedRefreshTokenGrace.TotalSeconds,
        WebhookFlushIntervalSeconds = o.WebhookFlushInterval.TotalSeconds,
        o.CdcMaxObjects,
        CdcLookbackDays = o.CdcLookback.TotalDays,
        o.SeedDemoCompany,
    };
}
