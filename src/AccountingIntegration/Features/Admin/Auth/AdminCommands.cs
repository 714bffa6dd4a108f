using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Commands;
using AccountingIntegration.Infrastructure.Data;
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
        var email = args.Required("email").Trim();
        var role = args.Optional("role") ?? AdminRoles.Admin;
        var password = args.Optional("password") ?? Environment.GetEnvironmentVariable("ADMIN_PASSWORD")
                       ?? throw new CommandException("Give the password in the ADMIN_PASSWORD environment variable (or --password).");
        if (!AdminRoles.All.Contains(role))
        {
            throw new CommandException($"--role must be one of {string.Join(", ", AdminRoles.All)}.");
        }

        if (!email.Contains('@', StringComparison.Ordinal) || email.Length > 254)
        {
            throw new CommandException("--email must be an e-mail address.");
        }

        var hasher = services.GetRequiredService<PasswordHasher>();
        var problems = hasher.CheckPolicy(password);
        if (problems.Count > 0)
        {
            throw new CommandException("The password " + string.Join("; ", problems) + ".");
        }

        try
        {
            var user = await services.GetRequiredService<AdminUserStore>().CreateAsync(email, hasher.Hash(password), role, CancellationToken.None);
            await services.GetRequiredService<AuditTrail>().RecordAsync(AuditActor.CommandLine(), new AuditAction("admin_user", "admin_user.created")
            {
                TargetType = "admin_user",
                TargetId = user.UserId,
                Details = new() { ["role"] = role },
            }, CancellationToken.None);
            await output.WriteLineAsync($"Created {role} {user.Email} ({user.UserId}).");
            return 0;
        }
        catch (DuplicateKeyException)
        {
            throw new CommandException($"An operator with the e-mail {email} already exists.");
        }
    }
}
