using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Alerts;

/// <summary>The addresses an organization's alerts are e-mailed to, kept as one comma-separated list.</summary>
internal sealed record AlertEmailRecipients
{
    public required string OrganizationId { get; init; }

    public required string Addresses { get; init; }

    public DateTime UpdatedAt { get; init; }

    public IReadOnlyList<string> List => Addresses.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One row per organization that gets its alerts by e-mail.</summary>
internal sealed class AlertEmailRecipientStore(Database database, TimeProvider time)
{
    public Task<AlertEmailRecipients?> GetAsync(string organizationId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<AlertEmailRecipients>(
            "SELECT organization_id, addresses, updated_at FROM alert_email_recipients WHERE organization_id = @OrganizationId",
            new { OrganizationId = organizationId }, cancellationToken);

    /// <summary>Sets (or replaces) the organization's addresses, with what <paramref name="alongside"/> writes (its audit entry).</summary>
    public async Task<AlertEmailRecipients> SaveAsync(string organizationId, IReadOnlyList<string> addresses, CancellationToken cancellationToken,
        Func<DatabaseTransaction, Task>? alongside = null)
    {
        var row = new AlertEmailRecipients { OrganizationId = organizationId, Addresses = string.Join(',', addresses), UpdatedAt = time.GetUtcNow().UtcDateTime };
        const string update = "UPDATE alert_email_recipients SET addresses = @Addresses, updated_at = @UpdatedAt WHERE organization_id = @OrganizationId";
        const string insert = "INSERT INTO alert_email_recipients (organization_id, addresses, updated_at) VALUES (@OrganizationId, @Addresses, @UpdatedAt)";
        await database.UpsertAsync(update, insert, row, alongside, cancellationToken);
        return row;
    }

    /// <summary>Removes what the organization set, with what <paramref name="alongside"/> writes (its audit entry); false when it had nothing.</summary>
    public async Task<bool> DeleteAsync(string organizationId, CancellationToken cancellationToken, Func<DatabaseTransaction, Task>? alongside = null) =>
        await database.ExecuteAsync("DELETE FROM alert_email_recipients WHERE organization_id = @OrganizationId", new { OrganizationId = organizationId },
            alongside, cancellationToken) == 1;
}
