using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Organizations;

/// <summary>The seed's OrganizationDataStore: tenants by id and slug, paged lists, updates.</summary>
internal sealed class OrganizationStore(Database database, TimeProvider time)
{
    private const string Columns = "organization_id, name, slug, plan_tier, is_active, settings, created_at, updated_at, row_version";

    /// <summary>
    /// Creates the organization, with what <paramref name="alongside"/> writes (its audit entry) in the same transaction; a
    /// slug already taken throws <see cref="DuplicateKeyException"/>.
    /// </summary>
    public async Task<Organization> CreateAsync(string name, string slug, string planTier, System.Text.Json.Nodes.JsonObject? settings, CancellationToken cancellationToken,
        Func<DatabaseTransaction, Organization, Task>? alongside = null)
    {
        const string sql = $"""
            INSERT INTO organizations ({Columns})
            VALUES (@OrganizationId, @Name, @Slug, @PlanTier, @IsActive, @Settings, @CreatedAt, @UpdatedAt, @RowVersion)
            """;
        var now = time.GetUtcNow().UtcDateTime;
        var organization = new Organization
        {
            OrganizationId = Ids.New(time),
            Name = name,
            Slug = slug,
            PlanTier = planTier,
            Settings = settings ?? [],
            CreatedAt = now,
            UpdatedAt = now,
        };
        await database.ExecuteAsync(sql, organization, alongside, cancellationToken);
        return organization;
    }

    public Task<Organization?> GetByIdAsync(string organizationId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<Organization>(
            $"SELECT {Columns} FROM organizations WHERE organization_id = @OrganizationId",
            new { OrganizationId = organizationId }, cancellationToken);

    /// <summary>The active organization with this slug; inactive ones are invisible to tenant routes.</summary>
    public Task<Organization?> GetBySlugAsync(string slug, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<Organization>(
            $"SELECT {Columns} FROM organizations WHERE slug = @Slug AND is_active = @Active",
            new { Slug = slug, Active = true }, cancellationToken);

    public Task<Page<Organization>> ListAsync(PageRequest page, string? search, bool? isActive, CancellationToken cancellationToken) =>
        ListAsync(page, search, isActive, OrganizationOrder.Oldest, cancellationToken);

    /// <summary>A page of organizations, searched by name or slug, in <paramref name="order"/>; the id breaks ties so pages never overlap.</summary>
    /// <param name="page">The page size and offset.</param>
    /// <param name="search">A part of the name or slug, or null for all.</param>
    /// <param name="isActive">Only active or only deactivated ones, or null for both.</param>
    /// <param name="order">Oldest first, by name, or newest first.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<Page<Organization>> ListAsync(PageRequest page, string? search, bool? isActive, OrganizationOrder order, CancellationToken cancellationToken)
    {
        var filter = "WHERE (@Search IS NULL OR " + database.Dialect.LikeCaseInsensitive("name", "@Pattern") + " OR " +
                     database.Dialect.LikeCaseInsensitive("slug", "@Pattern") + ") AND (@IsActive IS NULL OR is_active = @IsActive)";
        var parameters = new
        {
            Search = search,
            Pattern = search is null ? null : SqlDialect.ContainsPattern(search),
            IsActive = isActive,
            page.Limit,
            page.Offset,
        };
        var rows = await database.QueryListAsync<Organization>(
            $"SELECT {Columns} FROM organizations {filter} ORDER BY {OrderBy(order)} {database.Dialect.Paging}",
            parameters, cancellationToken);
        var total = await database.QuerySingleOrDefaultAsync<long>($"SELECT COUNT(*) FROM organizations {filter}", parameters, cancellationToken);
        return new Page<Organization>(rows, total, page);
    }

    /// <summary>
    /// The ORDER BY of each order, fixed fragments only. Names compare lower-cased, so SQLite's binary comparison and
    /// MariaDB's case-insensitive collation put "acme" and "Beta" alike.
    /// </summary>
    private static string OrderBy(OrganizationOrder order) => order switch
    {
        OrganizationOrder.Name => "LOWER(name), name, organization_id",
        OrganizationOrder.Newest => "created_at DESC, organization_id DESC",
        _ => "created_at, organization_id",
    };

    /// <summary>
    /// Changes the organization to what <paramref name="change"/> makes of its current row, and writes name, slug, plan
    /// tier, settings and active flag. The write lands only if no one wrote the organization since it was read;
    /// otherwise it is read again and the change made again, so a settings save beside a deactivation does not
    /// reactivate it. What <paramref name="alongside"/> writes (the change's audit entry) commits with it. Null when the id
    /// is unknown; the change may throw to refuse.
    /// </summary>
    public Task<OrganizationChange?> ChangeAsync(string organizationId, Func<Organization, Organization> change, CancellationToken cancellationToken,
        Func<DatabaseTransaction, OrganizationChange, Task>? alongside = null) =>
        RowVersions.ChangeAsync(
            "organization",
            () => GetByIdAsync(organizationId, cancellationToken),
            before => Task.FromResult(new OrganizationChange(before, change(before) with
            {
                OrganizationId = organizationId,
                UpdatedAt = time.GetUtcNow().UtcDateTime,
                RowVersion = before.RowVersion + 1,
            })),
            written => WriteAsync(written, alongside, cancellationToken));

    /// <summary>Writes the change if the organization's row is still as it was read; false when it moved or is gone.</summary>
    private async Task<bool> WriteAsync(OrganizationChange change, Func<DatabaseTransaction, OrganizationChange, Task>? alongside, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE organizations
            SET name = @Name, slug = @Slug, plan_tier = @PlanTier, is_active = @IsActive, settings = @Settings, updated_at = @UpdatedAt, row_version = @RowVersion
            WHERE organization_id = @OrganizationId AND row_version = @ReadVersion
            """;
        var after = change.After;
        var parameters = new
        {
            after.Name, after.Slug, after.PlanTier, after.IsActive, after.Settings, after.UpdatedAt, after.RowVersion, after.OrganizationId,
            ReadVersion = change.Before.RowVersion,
        };
        // A slug another organization has is a unique-key violation, told to the caller as DuplicateKeyException.
        return await database.ExecuteAsync(sql, parameters, alongside is null ? null : transaction => alongside(transaction, change), cancellationToken) == 1;
    }

    /// <summary>
    /// Deactivation keeps every row: keys stop working and payloads stop processing, nothing is deleted. What
    /// <paramref name="alongside"/> writes (its audit entry) commits with it. False when the id is unknown.
    /// </summary>
    public async Task<bool> DeactivateAsync(string organizationId, CancellationToken cancellationToken, Func<DatabaseTransaction, Task>? alongside = null)
    {
        const string sql = "UPDATE organizations SET is_active = @Active, updated_at = @Now, row_version = row_version + 1 WHERE organization_id = @OrganizationId";
        var changed = await database.ExecuteAsync(sql, new { Active = false, Now = time.GetUtcNow().UtcDateTime, OrganizationId = organizationId },
            alongside, cancellationToken);
        return changed == 1;
    }
}
