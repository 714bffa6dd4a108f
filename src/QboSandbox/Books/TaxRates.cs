using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>A tax code's sales rates, read from the company's TaxCode and TaxRate rows.</summary>
internal sealed record CodeRates(string CodeId, string CodeName, IReadOnlyList<RateShare> Rates)
{
    public decimal TotalPercent => Rates.Sum(r => r.Percent);

    public static CodeRates Load(Company company, string codeId, string element)
    {
        var code = company.Table(EntityNames.TaxCode).Find(codeId) ?? throw References.InvalidReference(element);
        if (!EntityRow.IsActive(code))
        {
            throw QboException.ObjectNotFound(element);
        }

        var rates = new List<RateShare>();
        foreach (var detail in (code["SalesTaxRateList"]?["TaxRateDetail"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var rateId = JsonRead.RefValue(detail, "TaxRateRef")!;
            var rate = company.Table(EntityNames.TaxRate).Find(rateId)!;
            rates.Add(new RateShare(rateId, EntityRow.Name(rate, "Name"), rate["RateValue"]!.GetValue<decimal>()));
        }

        return new CodeRates(codeId, EntityRow.Name(code, "Name"), rates);
    }
}

internal sealed record RateShare(string RateId, string Name, decimal Percent);

/// <summary>Accumulates TxnTaxDetail.TaxLine entries per rate: tax and the net amount it was charged on.</summary>
internal sealed class TaxLines
{
    private readonly Dictionary<string, (RateShare Rate, decimal Net, decimal Tax)> _byRate = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public decimal Total => _byRate.Values.Sum(v => v.Tax);

    public void Add(RateShare rate, decimal net, decimal tax)
    {
        if (!_byRate.TryGetValue(rate.RateId, out var current))
        {
            _order.Add(rate.RateId);
            current = (rate, 0m, 0m);
        }

        _byRate[rate.RateId] = (rate, current.Net + net, current.Tax + tax);
    }

    /// <summary>Replaces the computed amounts by an override total, prorated by rate (the last rate takes the cents left).</summary>
    public void Override(decimal total)
    {
        var percent = _byRate.Values.Sum(v => v.Rate.Percent);
        var left = total;
        for (var i = 0; i < _order.Count; i++)
        {
            var (rate, net, _) = _byRate[_order[i]];
            var share = i == _order.Count - 1 || percent == 0 ? left : Money.Round(total * rate.Percent / percent);
            _byRate[_order[i]] = (rate, net, share);
            left -= share;
        }
    }

    public JsonArray ToJson() => new([.. _order.Select(id =>
    {
        var (rate, net, tax) = _byRate[id];
        return (JsonNode)new JsonObject
        {
            ["Amount"] = tax,
            ["DetailType"] = "TaxLineDetail",
            ["TaxLineDetail"] = new JsonObject
            {
                ["TaxRateRef"] = JsonRead.Ref(rate.RateId, rate.Name),
                ["PercentBased"] = true,
                ["TaxPercent"] = rate.Percent,
                ["NetAmountTaxable"] = net,
            },
        };
    })]);
}
