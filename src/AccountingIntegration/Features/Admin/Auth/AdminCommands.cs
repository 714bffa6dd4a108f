using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Admin.Auth;

/// <summary>The first operator comes from the shell (SPEC §8): <c>create-admin --email … [--role admin|viewer]</c>.</summary>
internal static class AdminCommands
{
    public static void Register(IHostApplicationBuilder builder) =>
        builder.AddServiceCommand("create-admin", "--email <e-mail> [--role admin|viewer]; password from ADMIN_PASSWORD (or --password)", CreateAdminAsync);

    /// <summary>The password is read from ADMIN_PASSWORD (or --password), so it need not sit in shell history.</summary>
    public static async Task<int> CreateAdminAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var email = args.Required("email");
        var role = args.Optional("role") ?? AdminRoles.Admin;
        var password = args.Optional("password") ?? Environment.GetEnvironmentVariable("ADMIN_PASSWORD")
                       ?? throw new CommandException("Give the password in the ADMIN_PASSWORD environment variable (or --password).");
        try
        {
            var user = await services.GetRequiredService<OperatorAccounts>().CreateAsync(email, password, role, AuditActor.CommandLine(), CancellationToken.None);
            await output.WriteLineAsync($"Created {role} {user.Email} ({user.UserId}).");
            return 0;
        }
        catch (OperatorAccountException e)
        {
            throw new CommandException(e.Message);
        }
    }
}
