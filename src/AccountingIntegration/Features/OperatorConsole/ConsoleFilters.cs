using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AccountingIntegration.Features.OperatorConsole;

/// <summary>Marks a console page whose forms a viewer may post: their own session (logout).</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ViewerMayPostAttribute : Attribute;

/// <summary>
/// Every console POST carries the CSRF token, and only the admin role changes anything: a viewer
/// sees every page and gets the forbidden page for a form it should not have been shown.
/// </summary>
internal sealed class ConsoleWriteFilter(ConsoleCsrf csrf) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            await next();
            return;
        }

        var presented = http.Request.Headers[ConsoleCsrf.HeaderName].ToString() is { Length: > 0 } header ? header
            : http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted))[ConsoleCsrf.FieldName].ToString() : null;
        if (!csrf.IsValid(http, presented))
        {
            context.Result = new RedirectResult(ConsoleSession.PathPrefix + "/expired?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
            return;
        }

        var viewerMayPost = context.HandlerInstance.GetType().IsDefined(typeof(ViewerMayPostAttribute), inherit: false);
        if (http.User.Identity?.IsAuthenticated == true && !http.User.IsInRole(AdminRoles.Admin) && !viewerMayPost)
        {
            context.Result = new RedirectResult(ConsoleSession.PathPrefix + "/forbidden");
            return;
        }

        await next();
    }
}
