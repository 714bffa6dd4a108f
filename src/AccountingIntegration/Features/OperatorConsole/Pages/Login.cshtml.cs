using AccountingIntegration.Features.Admin.Auth;
using AccountingIntegration.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages;

/// <summary>Signs an operator in with the admin login the API uses and keeps its token in the session cookie.</summary>
public sealed class LoginModel : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Failed { get; private set; }

    /// <summary>A local development service without operators offers first-run setup.</summary>
    public bool SetupOpen { get; private set; }

    public async Task OnGetAsync() => SetupOpen = await Get<FirstRunSetup>().IsOpenAsync(HttpContext);

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var session = await Get<AdminAuthService>().LoginAsync(Email, Password, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
            ConsoleSession.Start(HttpContext, session);
        }
        catch (ApiException e) when (e.Status is StatusCodes.Status401Unauthorized or StatusCodes.Status400BadRequest)
        {
            Failed = true;
            return Page();
        }

        return LocalRedirect(ConsoleSession.SafeReturnUrl(ReturnUrl));
    }
}
