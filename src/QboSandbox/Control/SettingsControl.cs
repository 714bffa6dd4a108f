using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Control;

/// <summary>A company's country, currency, tax and tracking settings; Preferences and tax rules follow them.</summary>
internal static class SettingsControl
{
    public static void MapSettingsControl(this RouteGroupBuilder control)
    {
        control.MapGet("/companies/{realmId}/settings", ReadSettings).WithName("SandboxReadCompanySettings");
        control.MapPatch("/companies/{realmId}/settings", PatchSettingsAsync).WithName("SandboxPatchCompanySettings");
    }

    private static IResult ReadSettings(string realmId, SandboxState state) =>
        state.Companies.Find(realmId) is null
            ? ControlJson.Error(StatusCodes.Status404NotFound, $"No company {realmId}.")
            : ControlJson.Ok(state.GetCompanySettings(realmId));

    private static async Task<IResult> PatchSettingsAsync(string realmId, HttpRequest request, SandboxState state)
    {
        if (state.Companies.Find(realmId) is null)
        {
            return ControlJson.Error(StatusCodes.Status404NotFound, $"No company {realmId}.");
        }

        var patch = await ControlJson.ReadAsync<CompanySettings>(request).ConfigureAwait(false);
        try
        {
            return ControlJson.Ok(state.UpdateCompanySettings(realmId, patch));
        }
        catch (ArgumentException ex)
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (QboException ex)
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, ex.Detail);
        }
    }
}
