using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

namespace AccountingIntegration.Features.OperatorConsole;

/// <summary>
/// The operator console at <c>/console</c> and the client's connect pages, server-rendered with Razor
/// Pages (ADR 0016). The console sits above every other feature: it calls their handlers and stores.
/// </summary>
internal static class ConsoleExtensions
{
    private const string ClientFolder = "/Client";

    public static void AddConsole(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConsoleCsrf>();
        builder.Services.AddSingleton<ConsoleWriteFilter>();
        builder.Services.AddSingleton<FirstRunSetup>();
        builder.Services.AddConsoleSession();
        builder.Services.AddRazorPages(options =>
            {
                options.RootDirectory = "/Features/OperatorConsole/Pages";
                options.Conventions.AddFolderRouteModelConvention("/", PrefixConsolePages);
                options.Conventions.AuthorizeFolder("/", SecurityExtensions.ViewerPolicy);
                options.Conventions.AllowAnonymousToPage("/Login");
                options.Conventions.AllowAnonymousToPage("/Expired");
                options.Conventions.AllowAnonymousToPage("/Setup");
                options.Conventions.AllowAnonymousToFolder(ClientFolder);
                // ConsoleWriteFilter checks the console's own stateless CSRF token instead.
                options.Conventions.ConfigureFilter(new IgnoreAntiforgeryTokenAttribute());
            })
            .AddMvcOptions(options => options.Filters.AddService<ConsoleWriteFilter>())
            .ConfigureApplicationPartManager(AddThisAssembly);
    }

    // Pages are found in the entry assembly by default; under a test host that is not this one.
    private static void AddThisAssembly(ApplicationPartManager parts)
    {
        var assembly = typeof(ConsoleExtensions).Assembly;
        if (parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
        {
            return;
        }

        foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
        {
            parts.ApplicationParts.Add(part);
        }
    }

    public static void MapConsole(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapConsoleAssets();
        endpoints.MapRazorPages();
    }

    // Operator pages live under /console; the client's pages (Pages/Client) declare their own public routes.
    private static void PrefixConsolePages(PageRouteModel model)
    {
        if (model.ViewEnginePath.StartsWith(ClientFolder + "/", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var selector in model.Selectors.Where(s => s.AttributeRouteModel is not null))
        {
            selector.AttributeRouteModel!.Template = AttributeRouteModel.CombineTemplates("console", selector.AttributeRouteModel.Template);
        }
    }
}
