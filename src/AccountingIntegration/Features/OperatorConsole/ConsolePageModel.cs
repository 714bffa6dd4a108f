using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountingIntegration.Features.OperatorConsole;

/// <summary>
/// What every console page shares. Pages do their work by calling the same handlers and stores the
/// JSON API calls (ADR 0016), so validation, audit and error codes are the API's; a refused change
/// comes back as the API's problem, shown on the page with each field's message beside the field.
/// Pages that explain a refusal in words answer 200: the browser shows the page, not an error, and
/// the status codes stay the JSON API's.
/// </summary>
public abstract class ConsolePageModel : PageModel
{
    /// <summary>True for the admin role; viewers see pages without their forms.</summary>
    public bool CanChange => User.IsInRole(AdminRoles.Admin);

    /// <summary>The operator's e-mail, for the header.</summary>
    public string? OperatorEmail => User.FindFirst("email")?.Value;

    /// <summary>The API's refusal of the last change, when there was one.</summary>
    internal ApiException? Problem { get; private set; }

    /// <summary>A success message for the page to show once.</summary>
    public string? Notice { get; protected set; }

    /// <summary>A form field or query value as the API wants it: null when left empty or only spaces, otherwise trimmed.</summary>
    protected static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A service of the app: page models are public for Razor and the services internal, so they are fetched, not injected.</summary>
    protected T Get<T>()
        where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    /// <summary>Runs a change; the API's refusal re-renders the page with its message and each field's errors.</summary>
    protected async Task<IActionResult> ChangeAsync(Func<Task<IActionResult>> change)
    {
        try
        {
            return await change();
        }
        catch (ApiException e)
        {
            Problem = e;
            foreach (var (field, messages) in e.Errors ?? new Dictionary<string, string[]>())
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field, message);
                }
            }

            return await OnRefusedAsync();
        }
    }

    /// <summary>What to show after a refused change: by default the page again, with the problem.</summary>
    protected virtual Task<IActionResult> OnRefusedAsync() => Task.FromResult<IActionResult>(Page());

    /// <summary>The first error the API gave for <paramref name="field"/> (its JSON name), for the field's error line.</summary>
    internal string? FieldError(string field) =>
        Problem?.Errors?.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
