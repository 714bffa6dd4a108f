using System.Text;
using System.Text.Encodings.Web;
using QboSandbox.State;

namespace QboSandbox.OAuth;

/// <summary>The consent page: the sandbox companies as radio buttons and Approve/Deny buttons posting the form.</summary>
internal static class ConsentPage
{
    /// <summary>The radio value that asks for a new company instead of one of the existing ones.</summary>
    public const string NewCompany = "new";

    public static IResult Render(string ticket, string clientId, string scope, IReadOnlyList<Company> companies, string action)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Connect to QuickBooks (local sandbox)</title></head><body>");
        html.Append("<h1>Local QBO sandbox</h1><p>App <b>").Append(Encode(clientId)).Append("</b> asks for access: <code>")
            .Append(Encode(scope)).Append("</code></p>");
        html.Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">");
        html.Append("<input type=\"hidden\" name=\"ticket\" value=\"").Append(Encode(ticket)).Append("\">");
        for (var i = 0; i < companies.Count; i++)
        {
            html.Append("<label><input type=\"radio\" name=\"realmId\" value=\"").Append(Encode(companies[i].RealmId)).Append('"')
                .Append(i == 0 ? " checked" : "").Append("> ").Append(Encode(companies[i].CompanyName))
                .Append(" (").Append(Encode(companies[i].RealmId)).Append(")</label><br>");
        }

        // A company of its own for each tenant someone connects by hand, as each real client has its own QBO company;
        // its country sets how it keeps its books (US sales tax, CA GST/HST, UK VAT, AU GST), as in a real company.
        html.Append("<label><input type=\"radio\" name=\"realmId\" value=\"").Append(NewCompany).Append('"')
            .Append(companies.Count == 0 ? " checked" : "").Append("> A new company named ")
            .Append("<input type=\"text\" name=\"companyName\" maxlength=\"100\" placeholder=\"Sandbox Company\"></label> ")
            .Append("<label>in <select name=\"companyCountry\">");
        foreach (var region in Region.All)
        {
            html.Append("<option value=\"").Append(region.Code).Append("\">").Append(CountryName(region.Code)).Append("</option>");
        }

        html.Append("</select></label><br>");

        html.Append("<button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button> ");
        html.Append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>");
        html.Append("</form></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    public static IResult Error(string error, string description) => Results.Content(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>Error</title></head><body><h1>{Encode(error)}</h1><p>{Encode(description)}</p></body></html>",
        "text/html; charset=utf-8",
        statusCode: StatusCodes.Status400BadRequest);

    /// <summary>The English name of a sandbox region, as the consent page lists it (the United States first: the default).</summary>
    public static string CountryName(string code) => code switch
    {
        "CA" => "Canada",
        "GB" => "the United Kingdom",
        "AU" => "Australia",
        _ => "the United States",
    };

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
