namespace AccountingIntegration.Mapping.Tests;

public sealed class QboPathTests
{
    [Theory]
    [InlineData("CustomerRef.value", false, "CustomerRef.value", "String")]
    [InlineData("BillEmail.Address", false, "BillEmail.Address", "String")]
    [InlineData("DocNumber", false, "DocNumber", "String")]
    [InlineData("TxnDate", false, "TxnDate", "Date")]
    [InlineData("Line[].Amount", true, "Line[].Amount", "Decimal")]
    [InlineData("Line[].SalesItemLineDetail.ItemRef.value", true, "Line[].SalesItemLineDetail.ItemRef.value", "String")]
    [InlineData("Line[].SalesItemLineDetail.Qty", true, "Line[].SalesItemLineDetail.Qty", "Decimal")]
    [InlineData("CustomField[2].StringValue", false, "CustomField[].StringValue", "String")]
    [InlineData("ShipAddr.PostalCode", false, "ShipAddr.PostalCode", "String")]
    [InlineData("ApplyTaxAfterDiscount", false, "ApplyTaxAfterDiscount", "Boolean")]
    public void Parse_KnownField_GivesPatternAndType(string text, bool isLine, string pattern, string type)
    {
        var path = QboPathParser.Parse(text);
        Assert.Equal(isLine, path.IsLineField);
        Assert.Equal(pattern, path.Pattern);
        Assert.Equal(type, path.Info.Type.ToString());
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("Line", "not a known QBO invoice field")]
    [InlineData("Customer.value", "not a known QBO invoice field")]
    [InlineData("customerRef.value", "not a known QBO invoice field")]
    [InlineData("Line[0].Amount", "without an index")]
    [InlineData("Line.Amount", "not a known QBO invoice field")]
    [InlineData("CustomField[].StringValue", "needs an index")]
    [InlineData("CustomField[x].StringValue", "is not an index")]
    [InlineData("DocNumber.", "is not a QBO property name")]
    [InlineData("Line[].Sales-Item", "is not a QBO property name")]
    public void Parse_BadField_Throws(string text, string fragment) =>
        Assert.Contains(fragment, Assert.Throws<PathSyntaxException>(() => QboPathParser.Parse(text)).Message, StringComparison.Ordinal);
}
