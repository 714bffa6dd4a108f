using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace AccountingIntegration.Tests.Platform;

/// <summary>
/// What the served OpenAPI document must satisfy, as a list of problems (empty when it passes): the
/// OpenAPI.NET reader's diagnostics and its default validation rules, plus the rules the reader does not
/// check. A list rather than asserts, so a test can show that each check catches a broken document.
/// </summary>
internal static partial class OpenApiDocumentChecks
{
    public const string ProblemContentType = "application/problem+json";
    public const string ProblemDetailsSchemaId = "ProblemDetails";

    public static ReadResult Read(string json) => OpenApiDocument.Parse(json, OpenApiConstants.Json);

    /// <param name="json">The document as served.</param>
    /// <param name="anonymous">Operations (<c>GET /health</c>) that must have an empty security list, and the only ones that may.</param>
    public static List<string> Problems(string json, IReadOnlySet<string> anonymous)
    {
        var (document, diagnostic) = Read(json);
        var problems = (diagnostic?.Errors ?? []).Select(e => $"reader: {e.Pointer} {e.Message}").ToList();
        if (document is null)
        {
            return problems;
        }

        problems.AddRange(document.Validate(ValidationRuleSet.GetDefaultRuleSet())
            .Where(e => e is not OpenApiValidatorWarning)
            .Select(e => $"validator: {e.Pointer} {e.Message}"));
        problems.AddRange(OperationProblems(document, anonymous));
        return problems;
    }

    private static IEnumerable<string> OperationProblems(OpenApiDocument document, IReadOnlySet<string> anonymous)
    {
        // A document-wide requirement would apply to every operation that does not override it.
        if (document.Security is { Count: > 0 })
        {
            yield return "the document has a global security requirement; each operation states its own";
        }

        var operationIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var name = $"{method.Method} {path}";
                var declared = (operation.Parameters ?? []).Concat(item.Parameters ?? [])
                    .Where(p => p.In == ParameterLocation.Path && p.Required)
                    .Select(p => p.Name)
                    .ToHashSet(StringComparer.Ordinal);
                foreach (var parameter in TemplateParameter().Matches(path).Select(m => m.Groups[1].Value).Where(p => !declared.Contains(p!)))
                {
                    yield return $"{name}: path parameter {{{parameter}}} is not declared (in: path, required)";
                }

                if (!(operation.Responses ?? []).Values.Any(r => r.Content?.ContainsKey(ProblemContentType) == true))
                {
                    yield return $"{name}: no {ProblemContentType} response";
                }

                if (string.IsNullOrEmpty(operation.OperationId) || !operationIds.Add(operation.OperationId))
                {
                    yield return $"{name}: operationId '{operation.OperationId}' is missing or not unique";
                }

                if (anonymous.Contains(name) && operation.Security is not { Count: 0 })
                {
                    yield return $"{name}: anonymous, so its security must be an empty list";
                }
                else if (!anonymous.Contains(name) && operation.Security is not { Count: > 0 })
                {
                    yield return $"{name}: needs a credential, but has no security requirement";
                }
            }
        }
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex TemplateParameter();
}
