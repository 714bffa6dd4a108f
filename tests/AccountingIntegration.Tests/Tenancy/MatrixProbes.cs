using System.Text;
using System.Text.Json;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Tests.Tenancy;

/// <summary>One request of the matrix and what its answer must be.</summary>
internal sealed record Probe(string Name, Func<HttpRequestMessage> Request, Func<int, string, string?, string?> Check);

/// <summary>The probes of one route, by its class (<see cref="RouteAccess"/>).</summary>
internal static class Probes
{
    private static readonly HashSet<string> Writes = new(["POST", "PUT", "PATCH", "DELETE"], StringComparer.Ordinal);

    public static IEnumerable<Probe> For(MappedRoute route, RouteAccess access, MatrixWorld w)
    {
        var write = Writes.Contains(route.Method);
        var fIds = new Ids(w.F.Slug, w.F.OrganizationId, w.PayloadA, w.SourceA.SourceId);
        switch (access)
        {
            case RouteAccess.Public:
                yield break;

            case RouteAccess.Operator or RouteAccess.OperatorViewerMayWrite:
                // Keys are no credential for operators' routes, whoever they belong to.
                yield return Refused("foreign key", route, fIds, w.GKey, null, 401, "UNAUTHORIZED", w);
                yield return Refused("bound key", route, fIds, w.BoundKey, null, 401, "UNAUTHORIZED", w);
                yield return Refused("revoked key", route, fIds, w.RevokedKey, null, 401, "UNAUTHORIZED", w);
                yield return Refused("expired key", route, fIds, w.ExpiredKey, null, 401, "UNAUTHORIZED", w);
                yield return Refused("deactivated organization's key", route, fIds, w.DKey, null, 401, "UNAUTHORIZED", w);
                yield return Refused("no credential", route, fIds, null, null, 401, "UNAUTHORIZED", w);
                if (write && access == RouteAccess.Operator)
                {
                    yield return Refused("viewer write", route, fIds, null, w.ViewerToken, 403, "ADMIN_ROLE_REQUIRED", w);
                }

                yield break;

            case RouteAccess.Tenant or RouteAccess.TenantSourceScoped:
                if (!write)
                {
                    yield return Control("own key", route, fIds, w.FKey);
                }

                yield return Refused("foreign key on F's slug", route, fIds, w.GKey, null, 404, OrganizationErrors.NotFoundCode, w);
                if (route.Pattern.Contains("{payloadId}", StringComparison.Ordinal))
                {
                    yield return Refused("foreign key on F's ids", route, fIds with { Slug = w.G.Slug }, w.GKey, null, 404, PayloadErrors.NotFoundCode, w);
                }

                if (access == RouteAccess.Tenant)
                {
                    yield return Refused("bound key", route, fIds, w.BoundKey, null, 403, "KEY_SCOPE_FORBIDDEN", w);
                }
                else if (route.Pattern.Contains("{payloadId}", StringComparison.Ordinal))
                {
                    yield return Refused("bound key on another source's payload", route, fIds, w.BoundKey, null, 404, PayloadErrors.NotFoundCode, w);
                }
                else
                {
                    yield return ScopedList("bound key", route, fIds, w);
                }

                yield return Refused("revoked key", route, fIds, w.RevokedKey, null, 401, "INVALID_API_KEY", w);
                yield return Refused("expired key", route, fIds, w.ExpiredKey, null, 401, "INVALID_API_KEY", w);
                yield return Refused("deactivated organization's key", route, fIds with { Slug = w.D.Slug }, w.DKey, null, 404, OrganizationErrors.NotFoundCode, w);
                yield return Refused("no credential", route, fIds, null, null, 401, "API_KEY_REQUIRED", w);
                if (write)
                {
                    yield return Refused("viewer write", route, fIds, null, w.ViewerToken, 403, "ADMIN_ROLE_REQUIRED", w);
                }

                yield break;

            case RouteAccess.Ingest:
                var toSource = route.Pattern.Contains("{sourceId}", StringComparison.Ordinal);
                yield return Refused("foreign key on F's slug", route, fIds, w.GKey, null, 404, OrganizationErrors.NotFoundCode, w);
                if (toSource)
                {
                    yield return Refused("foreign key on F's source", route, fIds with { Slug = w.G.Slug }, w.GKey, null, 404, "SOURCE_NOT_FOUND", w);
                    // Without a source in the path a bound key sends to its own source, which is its purpose, not a probe.
                    yield return Refused("bound key on another source", route, fIds, w.BoundKey, null, 403, "SOURCE_NOT_ALLOWED", w);
                }

                yield return Refused("revoked key", route, fIds, w.RevokedKey, null, 401, "INVALID_API_KEY", w);
                yield return Refused("expired key", route, fIds, w.ExpiredKey, null, 401, "INVALID_API_KEY", w);
                yield return Refused("deactivated organization's key", route, fIds with { Slug = w.D.Slug }, w.DKey, null, 404, OrganizationErrors.NotFoundCode, w);
                yield return Refused("no credential", route, fIds, null, null, 401, "API_KEY_REQUIRED", w);
                yield return Refused("viewer write", route, fIds, null, w.ViewerToken, 403, "ADMIN_ROLE_REQUIRED", w);
                yield break;

            case RouteAccess.ConsolePage:
                // The console's session is its cookie: a key or a bearer token is no credential there.
                yield return ToLogin("foreign key", route, fIds, w.GKey, null);
                yield return ToLogin("operator bearer token without the session cookie", route, fIds, null, w.ViewerToken);
                yield return ToLogin("no credential", route, fIds, null, null);
                yield break;

            default:
                throw new InvalidOperationException($"{route}: no probes for {access}");
        }
    }

    /// <summary>The path's parameters filled with F's (or another organization's) values.</summary>
    internal sealed record Ids(string Slug, string OrganizationId, string PayloadId, string SourceId);

    private static Probe Refused(string name, MappedRoute route, Ids ids, string? key, string? token, int status, string code, MatrixWorld w) =>
        new(name, () => Request(route, ids, key, token), (actual, body, mediaType) =>
        {
            if (actual != status)
            {
                return $"expected {status} {code}";
            }

            if (mediaType != "application/problem+json" || !IsProblem(body, out var actualCode))
            {
                return "expected a problem with success:false";
            }

            if (actualCode != code)
            {
                return $"expected code {code}";
            }

            return Leak(body, route, ids, w);
        });

    /// <summary>A console page sends a browser without the session cookie to the login page, showing nothing.</summary>
    private static Probe ToLogin(string name, MappedRoute route, Ids ids, string? key, string? token) =>
        new(name, () =>
        {
            var request = new HttpRequestMessage(route.Method == "*" ? HttpMethod.Get : new HttpMethod(route.Method), FillAny(route.Pattern, ids));
            if (key is not null)
            {
                request.Headers.Add(CredentialHeaders.ApiKey, key);
            }

            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            return request;
        }, (actual, body, _) => actual == 302 && body.Length == 0 ? null : "expected a redirect to /console/login");

    /// <summary>F's own key reaches the route, so the path and ids the other probes use are real.</summary>
    private static Probe Control(string name, MappedRoute route, Ids ids, string key) =>
        new(name, () => Request(route, ids, key, null), (actual, body, _) =>
            actual is 401 or 403 || (actual == 404 && IsProblem(body, out var code) && code is OrganizationErrors.NotFoundCode or PayloadErrors.NotFoundCode)
                ? "F's own key must reach the route"
                : null);

    /// <summary>A bound key's list answers, with its own source's payload and nothing of the other source.</summary>
    private static Probe ScopedList(string name, MappedRoute route, Ids ids, MatrixWorld w) =>
        new(name, () => Request(route, ids, w.BoundKey, null), (actual, body, _) =>
            actual != 200 ? "expected 200 with the bound source's payloads"
            : !body.Contains(w.PayloadB, StringComparison.Ordinal) ? "the bound source's own payload is missing"
            : body.Contains(w.PayloadA, StringComparison.Ordinal) || body.Contains(w.SourceA.SourceId, StringComparison.Ordinal) ? "another source's payload leaked"
            : null);

    private static HttpRequestMessage Request(MappedRoute route, Ids ids, string? key, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), Fill(route.Pattern, ids));
        if (Writes.Contains(route.Method))
        {
            request.Content = new StringContent("""{"id":"matrix-probe"}""", Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add(CredentialHeaders.ApiKey, key);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    private static string Fill(string pattern, Ids ids) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(?<name>[A-Za-z]+)\}", m => m.Groups["name"].Value switch
        {
            "slug" => ids.Slug,
            "payloadId" => ids.PayloadId,
            "sourceId" => ids.SourceId,
            "id" when pattern.StartsWith("/api/admin/organizations/", StringComparison.Ordinal) => ids.OrganizationId,
            "id" or "keyId" or "tokenId" or "overrideId" => "1",
            "type" => "Customer",
            "name" => "TrialBalance",
            var other => throw new InvalidOperationException($"{pattern}: the matrix does not know what to put in {{{other}}}"),
        });

    private static string FillAny(string pattern, Ids ids) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(?<name>[A-Za-z]+)\}", m => m.Groups["name"].Value switch
        {
            "slug" => ids.Slug,
            "payloadId" => ids.PayloadId,
            "sourceId" => ids.SourceId,
            "id" or "organizationId" => ids.OrganizationId,
            _ => "1",
        });

    private static bool IsProblem(string body, out string? code)
    {
        code = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            code = root.TryGetProperty("code", out var c) ? c.GetString() : null;
            return root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False && code is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Anything of F's in the answer that the caller did not send itself.</summary>
    private static string? Leak(string body, MappedRoute route, Ids ids, MatrixWorld w)
    {
        var sent = Fill(route.Pattern, ids);
        var leaked = w.Secrets.Where(s => body.Contains(s, StringComparison.Ordinal) && !sent.Contains(s, StringComparison.Ordinal)).ToList();
        return leaked.Count == 0 ? null : "F's data leaked: " + string.Join(", ", leaked);
    }
}
