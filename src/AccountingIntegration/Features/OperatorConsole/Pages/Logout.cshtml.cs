using AccountingIntegration.Features.Admin.Auth;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages;

/// <summary>Logs out like the API's logout: the operator's tokens are revoked server-side, then the cookie goes.</summary>
[ViewerMayPost]
public sealed class LogoutModel : ConsolePageModel
{
    public IActionResult OnGet() => Redirect(ConsoleSession.PathPrefix);

    public async Task<IActionResult> OnPostAsync()
    {
        await Get<AdminAuthService>().LogoutAsync(User.FindFirst("sub")!.Value, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        ConsoleSession.End(HttpContext);
        return Redirect(ConsoleSession.PathPrefix + "/login");
    }
}
