using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>GET /v3/company/{realmId}/companyinfo/{realmId} (REFERENCE §2.1).</summary>
internal static class CompanyInfoEndpoints
{
    public static void MapCompanyInfoEndpoints(this RouteGroupBuilder company) =>
        company.MapGet("/companyinfo/{id}", ReadCompanyInfo).WithName("QboCompanyInfoRead");

    private static IResult ReadCompanyInfo(string realmId, string id, SandboxState state)
    {
        var company = EntityEndpoints.RequireCompany(state, realmId);
        if (id != realmId)
        {
            throw QboException.ObjectNotFound("CompanyInfo");
        }

        lock (company.Gate)
        {
            return EntityEndpoints.Wrap(state, EntityNames.CompanyInfo, company.CompanyInfo.DeepClone().AsObject());
        }
    }
}
