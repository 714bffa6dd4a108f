using QboSandbox.Books;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>GET /v3/company/{realmId}/preferences: the company's Preferences (one row, Id 1); POST updates its writable fields.</summary>
internal static class PreferencesEndpoints
{
    public static void MapPreferencesEndpoints(this RouteGroupBuilder company)
    {
        company.MapGet("/preferences", ReadPreferences).WithName("QboPreferencesRead");
        company.MapPost("/preferences", UpdatePreferencesAsync).WithName("QboPreferencesUpdate");
    }

    private static IResult ReadPreferences(string realmId, SandboxState state) =>
        EntityEndpoints.Read(state, realmId, EntityNames.Preferences, "1");

    private static async Task<IResult> UpdatePreferencesAsync(string realmId, HttpContext http, SandboxState state)
    {
        var company = EntityEndpoints.RequireCompany(state, realmId);
        var body = await RequestBody.ReadObjectAsync(http.Request).ConfigureAwait(false);
        lock (company.Gate)
        {
            return EntityEndpoints.Wrap(state, EntityNames.Preferences, PreferencesUpdate.Apply(company, body, state.CreateContext()));
        }
    }
}
