using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>GET /v3/company/{realmId}/preferences: the company's Preferences (one row, Id 1).</summary>
internal static class PreferencesEndpoints
{
    public static void MapPreferencesEndpoints(this RouteGroupBuilder company) =>
        company.MapGet("/preferences", ReadPreferences).WithName("QboPreferencesRead");

    private static IResult ReadPreferences(string realmId, SandboxState state) =>
        EntityEndpoints.Read(state, realmId, EntityNames.Preferences, "1");
}
