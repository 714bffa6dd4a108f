using System.Globalization;
using System.Net;

namespace AccountingIntegration.Mapping;

/// <summary>Steps that map text to text with no arguments: toUpperCase, toLowerCase, trim, htmlDecode.</summary>
internal sealed class TextStep(string name, Func<string, string> transform) : ValueStep(name)
{
    public static TextStep UpperCase { get; } = new("toUpperCase", text => text.ToUpper(CultureInfo.InvariantCulture));

    public static TextStep LowerCase { get; } = new("toLowerCase", text => text.ToLower(CultureInfo.InvariantCulture));

    public static TextStep Trim { get; } = new("trim", text => text.Trim());

    /// <summary>WooCommerce sends product names with entities such as <c>&amp;ndash;</c>; QBO shows them literally.</summary>
    public static TextStep HtmlDecode { get; } = new("htmlDecode", WebUtility.HtmlDecode);

    protected override MappingValue Transform(MappingValue input, in StepContext context) =>
        MappingValue.FromString(transform(TextOf(input)));
}
