using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Control;

/// <summary>Companies and their entities: create with seed data, list, and read everything stored.</summary>
internal static class CompanyControl
{
    public static void MapCompanyControl(this RouteGroupBuilder control)
    {
        control.MapGet("/companies", ListCompanies).WithName("SandboxListCompanies");
        control.MapPost("/companies", CreateCompanyAsync).WithName("SandboxCreateCompany");
        control.MapGet("/companies/{realmId}", ReadCompany).WithName("SandboxReadCompany");
        control.MapGet("/companies/{realmId}/{entity}", ListEntities).WithName("SandboxListEntities");
        control.MapPost("/companies/{realmId}/{entity}", CreateEntityAsync).WithName("SandboxCreateEntity");
    }

    private static IResult ListCompanies(SandboxState state) => ControlJson.Ok(state.Companies.All.Select(Summary).ToList());

    private static async Task<IResult> CreateCompanyAsync(HttpRequest request, SandboxState state)
    {
        var body = await ControlJson.ReadAsync<CreateCompanyRequest>(request).ConfigureAwait(false);
        if (body.RealmId is not null && state.Companies.Find(body.RealmId) is not null)
        {
            return ControlJson.Error(StatusCodes.Status409Conflict, $"Realm {body.RealmId} already exists.");
        }

        Company company;
        try
        {
            company = state.NewCompany(body.CompanyName, body.RealmId, body.Settings, body.SeedDemoData);
        }
        catch (ArgumentException ex)
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, ex.Message);
        }

        var context = state.CreateContext();
        try
        {
            // Accounts first: items refer to them.
            foreach (var (entity, rows) in new[] { (EntityNames.Account, body.Accounts), (EntityNames.Item, body.Items), (EntityNames.Customer, body.Customers) })
            {
                foreach (var row in rows)
                {
                    EntityService.Create(company, entity, row, context);
                }
            }
        }
        catch (QboException ex)
        {
            state.Companies.Remove(company.RealmId);
            return ControlJson.Error(StatusCodes.Status400BadRequest, $"{ex.Code} {ex.Message}", ex.Detail);
        }

        return ControlJson.Created(Details(company));
    }

    private static IResult ReadCompany(string realmId, SandboxState state) =>
        state.Companies.Find(realmId) is { } company ? ControlJson.Ok(Details(company)) : NoCompany(realmId);

    private static IResult ListEntities(string realmId, string entity, SandboxState state)
    {
        var company = state.Companies.Find(realmId);
        var name = Entity(entity);
        return company is null ? NoCompany(realmId)
            : name is null ? ControlJson.Error(StatusCodes.Status404NotFound, $"Unknown entity {entity}.")
            : ControlJson.Ok(EntityService.Snapshot(company, name));
    }

    private static async Task<IResult> CreateEntityAsync(string realmId, string entity, HttpRequest request, SandboxState state)
    {
        var company = state.Companies.Find(realmId);
        var name = Entity(entity);
        if (company is null)
        {
            return NoCompany(realmId);
        }

        if (name is null || !EntityService.CanCreate(name))
        {
            return ControlJson.Error(StatusCodes.Status404NotFound, $"Cannot create {entity}.");
        }

        try
        {
            var body = await RequestBody.ReadObjectAsync(request).ConfigureAwait(false);
            return ControlJson.Created(EntityService.Create(company, name, body, state.CreateContext()));
        }
        catch (QboException ex)
        {
            return ControlJson.Error(StatusCodes.Status400BadRequest, $"{ex.Code} {ex.Message}", ex.Detail);
        }
    }

    /// <summary>customer, Customer, customers → Customer.</summary>
    private static string? Entity(string segment) =>
        EntityNames.Canonical(segment) ?? (segment.EndsWith('s') ? EntityNames.Canonical(segment[..^1]) : null);

    private static CompanySummary Summary(Company company)
    {
        lock (company.Gate)
        {
            return new CompanySummary(company.RealmId, company.CompanyName,
                company.Table(EntityNames.Account).Rows.Count, company.Table(EntityNames.Item).Rows.Count,
                company.Table(EntityNames.Customer).Rows.Count, company.Table(EntityNames.Invoice).Rows.Count);
        }
    }

    private static JsonObject Details(Company company) => new()
    {
        ["realmId"] = company.RealmId,
        ["companyName"] = company.CompanyName,
        ["companyInfo"] = EntityService.Snapshot(company, EntityNames.CompanyInfo)[0],
        ["accounts"] = new JsonArray([.. EntityService.Snapshot(company, EntityNames.Account)]),
        ["items"] = new JsonArray([.. EntityService.Snapshot(company, EntityNames.Item)]),
        ["customers"] = new JsonArray([.. EntityService.Snapshot(company, EntityNames.Customer)]),
        ["invoices"] = new JsonArray([.. EntityService.Snapshot(company, EntityNames.Invoice)]),
    };

    private static IResult NoCompany(string realmId) => ControlJson.Error(StatusCodes.Status404NotFound, $"No company {realmId}.");
}
