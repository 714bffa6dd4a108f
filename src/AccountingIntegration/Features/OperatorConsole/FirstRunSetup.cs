using System.Net;
using AccountingIntegration.Features.Admin.Auth;

namespace AccountingIntegration.Features.OperatorConsole;

/// <summary>
/// Whether the console may create the first operator in the browser: only while none exists, only in
/// Development and only for a request from this machine — so `dotnet run` on a fresh clone needs no
/// terminal, while a deployed service still gets its first operator from <c>create-admin</c>.
/// </summary>
internal sealed class FirstRunSetup(OperatorAccounts accounts, IHostEnvironment environment)
{
    public async Task<bool> IsOpenAsync(HttpContext http) =>
        environment.IsDevelopment()
        && http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
        && !await accounts.AnyAsync(http.RequestAborted);
}
