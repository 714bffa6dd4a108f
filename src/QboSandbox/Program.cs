namespace QboSandbox;

/// <summary>
/// Standalone sandbox: <c>dotnet run --project src/QboSandbox</c> → http://127.0.0.1:8090.
/// <c>--urls</c> changes the address; non-loopback needs <c>--allow-non-loopback</c>;
/// options bind from the "Sandbox" configuration section (e.g. <c>--Sandbox:AutoApprove=true</c>).
/// </summary>
public static class Program
{
    public const string DefaultUrl = "http://127.0.0.1:8090";

    public static async Task<int> Main(string[] args)
    {
        var allowNonLoopback = args.Contains("--allow-non-loopback", StringComparer.Ordinal);
        var builder = WebApplication.CreateBuilder(args.Where(a => a != "--allow-non-loopback").ToArray());
        var urls = builder.Configuration["urls"] ?? DefaultUrl;
        var section = builder.Configuration.GetSection("Sandbox");
        var probe = new SandboxOptions();
        section.Bind(probe);
        try
        {
            LoopbackGuard.Ensure(urls.Split(';', StringSplitOptions.RemoveEmptyEntries), allowNonLoopback || probe.AllowNonLoopback);
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        builder.WebHost.UseUrls(urls);
        builder.Services.AddQboSandbox(section.Bind);
        var app = builder.Build();
        app.MapQboSandbox();
        await app.StartAsync().ConfigureAwait(false);
        foreach (var address in app.Urls)
        {
            await Console.Out.WriteLineAsync($"QBO sandbox listening on {address} (control API: {address}/_sandbox/companies)").ConfigureAwait(false);
        }

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
