using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Security.Fuzz;

/// <summary>
/// The requests of one fuzz run, from a seeded <see cref="Random"/>: the same seed gives the same requests. Operations
/// take turns, so every one is called; credential and Accept cycle per operation, so every operation meets each of them.
/// </summary>
internal static class FuzzPlan
{
    private static readonly FuzzCredential[] Credentials = Enum.GetValues<FuzzCredential>();

    /// <summary>After one round of each, mostly credentials that get in, so the requests reach past authentication.</summary>
    private static readonly FuzzCredential[] Weighted =
    [
        FuzzCredential.AdminToken, FuzzCredential.AdminToken, FuzzCredential.AdminToken, FuzzCredential.ApiKey, FuzzCredential.ApiKey,
        FuzzCredential.ViewerToken, FuzzCredential.None, FuzzCredential.MalformedKey, FuzzCredential.MalformedBearer, FuzzCredential.RevokedKey,
    ];

    public static List<FuzzRequest> Create(int seed, int count, IReadOnlyList<ServedOperation> operations, FuzzTargets targets)
    {
        var random = new Random(seed);
        var requests = new List<FuzzRequest>(count);
        for (var i = 0; i < count; i++)
        {
            var index = i % operations.Count;
            var round = i / operations.Count;
            var operation = operations[index];
            var credential = round < Credentials.Length ? Credentials[round] : FuzzValues.Pick(random, Weighted);
            var accept = FuzzValues.Accepts[(round + index) % FuzzValues.Accepts.Length];
            requests.Add(Create(random, operation, targets, credential, accept));
        }

        // Deleting the organization, revoking its key, disconnecting it or renaming it would turn every later request
        // for it into a 404: those run last (the organization's own deletion at the very end), the rest see it intact.
        return [.. requests.OrderBy(r => Destructiveness(r.Method, r.Template))];
    }

    private static FuzzRequest Create(Random random, ServedOperation operation, FuzzTargets targets, FuzzCredential credential, string? accept)
    {
        // Two requests in five are well-formed but for the credential and Accept, so they get past validation to the handlers' depths.
        var plausible = random.Next(5) < 2;
        var kinds = new List<string>();
        var path = ServedOperation.Fill(operation.Path, name =>
        {
            var (segment, kind) = FuzzValues.PathSegment(random, targets, operation.Path, name, plausible);
            kinds.Add($"{name}: {kind}");
            return segment;
        });
        var query = FuzzValues.Query(random, targets, operation.Parameters("query").Select(p => ((string)p["name"]!, TypeOf(p))), plausible);
        var (body, bodyKind) = FuzzBodies.For(random, operation, targets, plausible);
        var contentType = body is null ? null
            : plausible || random.Next(2) == 0 ? "application/json" : FuzzValues.Pick(random, FuzzValues.ContentTypes);
        // The API key is the credential's to send; the other declared headers are fuzzed.
        var headers = FuzzValues.Headers(random, operation.Parameters("header").Select(p => (string)p["name"]!).Where(n => n != CredentialHeaders.ApiKey));
        return new FuzzRequest(operation.Method, operation.Path, path + FuzzValues.QueryString(query), string.Join(", ", kinds),
            credential, accept, body, bodyKind, contentType, headers);
    }

    /// <summary>A query parameter's type; a number also accepted as a string counts as a number.</summary>
    private static string TypeOf(JsonObject parameter)
    {
        var type = parameter["schema"]?["type"]?.ToJsonString() ?? string.Empty;
        return type.Contains("integer", StringComparison.Ordinal) ? "integer" : type.Contains("boolean", StringComparison.Ordinal) ? "boolean" : "string";
    }

    private static int Destructiveness(string method, string template) => (method, template) switch
    {
        ("DELETE", "/api/admin/organizations/{id}") => 2,
        ("DELETE", _) => 1,
        ("PUT", "/api/admin/organizations/{id}") => 1,
        (_, _) when template.EndsWith("/revoke", StringComparison.Ordinal) || template.EndsWith("/disconnect", StringComparison.Ordinal) => 1,
        _ => 0,
    };
}
