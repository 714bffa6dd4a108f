using AccountingIntegration.Features.Admin.Auth;
using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages;

/// <summary>First-run setup of a local development service: the first operator, created in the browser (<see cref="FirstRunSetup"/>).</summary>
public sealed class SetupModel : ConsolePageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Open { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => Open = await Get<FirstRunSetup>().IsOpenAsync(HttpContext);

    public async Task<IActionResult> OnPostAsync()
    {
        Open = await Get<FirstRunSetup>().IsOpenAsync(HttpContext);
        if (!Open)
        {
            return Page();
        }

        try
        {
            await Get<OperatorAccounts>().CreateAsync(Email, Password, AdminRoles.Admin,
                new AuditActor("console", "first-run setup", HttpContext.Connection.RemoteIpAddress?.ToString()), HttpContext.RequestAborted);
        }
        catch (OperatorAccountException e)
        {
            Error = e.Message;
            return Page();
        }

        var session = await Get<AdminAuthService>().LoginAsync(Email, Password, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        ConsoleSession.Start(HttpContext, session);
        return Redirect(ConsoleSession.PathPrefix);
    }
}
