using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Admin.Auth;

/// <summary>Why an operator account was not created, in words for the person creating it.</summary>
internal sealed class OperatorAccountException(string message) : Exception(message);

/// <summary>
/// Creating an operator account: the rules (e-mail, role, password policy) and the audit entry,
/// shared by the <c>create-admin</c> command and the console's first-run page.
/// </summary>
internal sealed class OperatorAccounts(AdminUserStore users, PasswordHasher hasher, AuditTrail audit)
{
    public async Task<AdminUser> CreateAsync(string? email, string? password, string role, AuditActor actor, CancellationToken cancellationToken)
    {
        email = email?.Trim() ?? string.Empty;
        if (!AdminRoles.All.Contains(role))
        {
            throw new OperatorAccountException($"The role must be one of {string.Join(", ", AdminRoles.All)}.");
        }

        if (!email.Contains('@', StringComparison.Ordinal) || email.Length > 254)
        {
            throw new OperatorAccountException("The e-mail must be an e-mail address.");
        }

        var problems = hasher.CheckPolicy(password ?? string.Empty);
        if (problems.Count > 0)
        {
            throw new OperatorAccountException("The password " + string.Join("; ", problems) + ".");
        }

        try
        {
            return await users.CreateAsync(email, hasher.Hash(password!), role, cancellationToken,
                (transaction, user) => audit.RecordAsync(transaction, actor, new AuditAction("admin_user", "admin_user.created")
                {
                    TargetType = "admin_user",
                    TargetId = user.UserId,
                    Details = new() { ["role"] = role },
                }, cancellationToken));
        }
        catch (DuplicateKeyException)
        {
            throw new OperatorAccountException($"An operator with the e-mail {email} already exists.");
        }
    }

    /// <summary>Whether any operator account exists yet (the console offers first-run setup until one does).</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken) =>
        (await users.ListAsync(new PageRequest(1, 1), cancellationToken)).Items.Count > 0;
}
