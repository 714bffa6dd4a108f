using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages;

/// <summary>Where a form without a valid CSRF token lands: nothing changed, and a way back.</summary>
public sealed class ExpiredModel : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Back => ConsoleSession.SafeReturnUrl(ReturnUrl);
}
