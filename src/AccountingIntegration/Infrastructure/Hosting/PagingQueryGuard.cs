using System.Globalization;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Infrastructure.Hosting;

/// <summary>
/// Refuses a <c>page</c> or <c>pageSize</c> that is not a whole number within int, naming the field. The
/// framework's own binding failure for an optional number is a bare 400 that names nothing.
/// </summary>
internal sealed class PagingQueryGuard(RequestDelegate next)
{
    private static readonly string[] Fields = ["page", "pageSize"];

    public Task InvokeAsync(HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var field in Fields)
        {
            if (context.Request.Query.TryGetValue(field, out var values)
                && values.Any(v => !string.IsNullOrEmpty(v) && !int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
            {
                errors[field] = ["must be a whole number no larger than 2147483647"];
            }
        }

        return errors.Count > 0 ? throw ApiException.Validation(errors) : next(context);
    }
}
