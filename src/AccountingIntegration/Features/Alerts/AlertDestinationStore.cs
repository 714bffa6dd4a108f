using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Alerts;

/// <summary>An organization's own alert receiver: its URL and its signing secret, the secret as ciphertext bound to the organization.</summary>
internal sealed record AlertDestination
{
    public required string OrganizationId { get; init; }

    public required string Url { get; init; }

    public required string SecretProtected { get; init; }

    public DateTime UpdatedAt { get; init; }
}

/// <summary>One row per organization that has an alert URL.</summary>
internal sealed class AlertDestinationStore(Database database, TimeProvider time)
{
    public Task<AlertDestination?> GetAsync(string organizationId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<AlertDestination>(
            "SELECT organization_id, url, secret_protected, updated_at FROM alert_destinations WHERE organization_id = @OrganizationId",
            new { OrganizationId = organizationId }, cancellationToken);

    /// <summary>Sets (or replaces) the organization's receiver, with what <paramref name="alongside"/> writes (its audit entry).</summary>
    public async Task<AlertDestination> SaveAsync(string organizationId, string url, string secretProtected, CancellationToken cancellationToken,
        Func<DatabaseTransaction, Task>? alongside = null)
    {
        var row = new AlertDestination { OrganizationId = organizationId, Url = url, SecretProtected = secretProtected, UpdatedAt = time.GetUtcNow().UtcDateTime };
        const string update = "UPDATE alert_destinations SET url = @Url, secret_protected = @SecretProtected, updated_at = @UpdatedAt WHERE organization_id = @OrganizationId";
        const string insert =
            "INSERT INTO alert_destinations (organization_id, url, secret_protected, updated_at) VALUES (@OrganizationId, @Url, @SecretProtected, @UpdatedAt)";
        await database.UpsertAsync(update, insert, row, alongside, cancellationToken);
        return row;
    }

    /// <summary>Removes what the organization set, with what <paramref name="alongside"/> writes (its audit entry); false when it had nothing.</summary>
    public async Task<bool> DeleteAsync(string organizationId, CancellationToken cancellationToken, Func<DatabaseTransaction, Task>? alongside = null) =>
        await database.ExecuteAsync("DELETE FROM alert_destinations WHERE organization_id = @OrganizationId", new { OrganizationId = organizationId }, alongside, cancellationToken) == 1;
}
