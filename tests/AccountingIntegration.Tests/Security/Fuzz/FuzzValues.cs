namespace AccountingIntegration.Tests.Security.Fuzz;

/// <summary>The hostile and the harmless values a fuzzed request is made of: path segments, query values and headers.</summary>
internal static class FuzzValues
{
    /// <summary>Every <c>Accept</c> a request cycles through; null sends none.</summary>
    public static readonly string?[] Accepts =
    [
        null, "application/json", "application/problem+json", "text/csv", "text/html", "application/xml", "text/plain", "*/*",
        "garbage", "text/html;q=abc, */*;q=x", ",,,;;", "application/json;q=0",
    ];

    /// <summary>Content types a body goes with; null sends a body without one.</summary>
    public static readonly string?[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/vnd.api+json", "text/plain", "application/xml",
        "application/x-www-form-urlencoded", "multipart/form-data", "application/json; charset=ebcdic-fuzz", "garbage", null,
    ];

    /// <summary>Path segments put into a template as they are: percent sequences that must reach the service undecoded by the client.</summary>
    private static readonly string[] EncodedSegments = ["%00", "a%00b", "%2e%2e%2f%2e%2e%2f", "%C0%AE", "%FF%FE", "%E2%82", "%25", "%2F"];

    /// <summary>Path segments escaped before they go into a template.</summary>
    private static readonly string[] RawSegments =
    [
        new string('x', 3000), "ünïcødé-日本語-🙂", "../../etc/passwd", "..", "a/b", "\0", " ", "-1", "0", "2147483648",
        "99999999999999999999999999", "1e309", "NaN", "null", "{slug}", "' OR 1=1 --", "<script>alert(1)</script>", "%", "\u202e",
    ];

    /// <summary>Values for the declared headers (signatures, idempotency keys): shaped like the real thing, or broken.</summary>
    private static readonly string[] HeaderValues =
    [
        string.Empty, "t=1,v1=abc", "t=abc,v1=", "t=99999999999999999999,v1=00", "ts=;h1=", "ts=1;h1=" + new string('0', 64), "sha256=zz",
        "!!!not-base64", "dGVzdA==", new string('h', 5000), "v1=" + new string('f', 64), ",,,", "t=-1,v1=", "orders/create", "fuzz-key-1",
    ];

    /// <summary>Query values of the wrong kind for any parameter.</summary>
    private static readonly string[] HostileQueryValues =
    [
        string.Empty, "-1", "-2147483649", "2147483648", "99999999999999999999999999", "1.5", "1e309", "NaN", "abc", "true", "null",
        "2026-13-45", "9999-12-31T23:59:59Z", "0001-01-01", "ünïcødé-🙂", "\0", "../..", new string('q', 2000), "' OR 1=1 --", "[]", "{}",
    ];

    /// <summary>A path segment for a template parameter: real most of the time (always when <paramref name="plausible"/>), else another tenant's, unknown or hostile.</summary>
    /// <returns>The segment ready to put in the path, and a description of it that names no secret.</returns>
    public static (string Segment, string Kind) PathSegment(Random random, FuzzTargets targets, string path, string parameter, bool plausible)
    {
        var roll = plausible ? 0 : random.Next(100);
        if (roll < 45)
        {
            // Half the real sources named are the signed ones, so a webhook meets every signature verifier.
            return parameter == "sourceId" && random.Next(2) == 0
                ? (Uri.EscapeDataString(Pick(random, targets.SignedSourceIds)), "real signed source")
                : (Uri.EscapeDataString(targets.Real(path, parameter)), "real");
        }

        if (roll < 50)
        {
            return (Uri.EscapeDataString(targets.Foreign(path, parameter)), "other tenant");
        }

        if (roll < 60)
        {
            return (random.Next(2) == 0 ? Convert.ToHexStringLower(RandomBytes(random, 16)) : "unknown-" + random.Next(), "unknown");
        }

        if (roll < 70)
        {
            var encoded = Pick(random, EncodedSegments);
            return (encoded, "encoded " + encoded);
        }

        var index = random.Next(RawSegments.Length);
        return (Uri.EscapeDataString(RawSegments[index]), "hostile #" + index);
    }

    /// <summary>Query pairs for the declared parameters: each absent, plausible, hostile, or repeated (only the first two when <paramref name="plausible"/>); now and then an undeclared one.</summary>
    public static List<KeyValuePair<string, string>> Query(Random random, FuzzTargets targets, IEnumerable<(string Name, string Type)> parameters, bool plausible)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (name, type) in parameters)
        {
            switch (random.Next(plausible ? 7 : 10))
            {
                case < 4:
                    break;
                case < 7:
                    pairs.Add(new(name, Plausible(random, targets, name, type)));
                    break;
                case < 9:
                    pairs.Add(new(name, Pick(random, HostileQueryValues)));
                    break;
                default:
                    pairs.Add(new(name, Plausible(random, targets, name, type)));
                    pairs.Add(new(name, Pick(random, HostileQueryValues)));
                    break;
            }
        }

        if (random.Next(10) == 0)
        {
            pairs.Add(new("unexpected", "1"));
        }

        return pairs;
    }

    /// <summary>Each declared header absent half the time, else one of <see cref="HeaderValues"/>.</summary>
    public static List<KeyValuePair<string, string>> Headers(Random random, IEnumerable<string> names) =>
        [.. names.Where(_ => random.Next(2) == 0).Select(name => new KeyValuePair<string, string>(name, Pick(random, HeaderValues)))];

    public static string QueryString(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")) is { Length: > 0 } query ? "?" + query : string.Empty;

    public static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    /// <summary>A value the parameter could really take, by its name first and its schema type otherwise.</summary>
    private static string Plausible(Random random, FuzzTargets targets, string name, string type) => name switch
    {
        "page" => random.Next(1, 4).ToString(),
        "pageSize" => Pick(random, ["1", "10", "100", "500"]),
        "from" or "to" => DateTime.UtcNow.AddDays(random.Next(-30, 30)).ToString("O"),
        "status" => Pick(random, ["queued", "failed", "success", "retrying", "waiting_connection"]),
        "format" => Pick(random, ["csv", "json", "CSV"]),
        "type" => Pick(random, ["Customer", "Invoice", "item", "Employee"]),
        "organizationId" => targets.OrganizationId,
        "sourceId" => targets.SourceId,
        "apiKeyId" => targets.KeyId,
        "windowHours" => Pick(random, ["1", "24", "168"]),
        // The webhook waits for the outcome this long; short, so the run stays bounded.
        "wait" => Pick(random, ["0", "1", "2"]),
        "error" => "access_denied",
        "sourceType" => Pick(random, ["shopify", "stripe", "generic"]),
        _ => type switch
        {
            "integer" => random.Next(0, 50).ToString(),
            "boolean" => random.Next(2) == 0 ? "true" : "false",
            _ => "fuzz-" + random.Next(1000),
        },
    };
}
