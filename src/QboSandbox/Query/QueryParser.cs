using System.Globalization;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Query;

/// <summary>
/// Recursive-descent parser for QBO's query subset (REFERENCE §2.5). Keywords and entity names are
/// case-insensitive; any error becomes 400 code 4000 "Error parsing query".
/// </summary>
internal sealed class QueryParser
{
    private static readonly string[] MetaDataFields = ["MetaData.CreateTime", "MetaData.LastUpdatedTime"];

    private readonly List<Token> _tokens;
    private int _position;

    private QueryParser(List<Token> tokens) => _tokens = tokens;

    public static QueryModel Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw QboException.QueryParse("QueryParserError: Encountered \"<EOF>\" at line 1, column 1. Was expecting: \"select\"");
        }

        return new QueryParser(QueryTokenizer.Tokenize(text)).ParseQuery();
    }

    private Token Current => _tokens[_position];

    private QueryModel ParseQuery()
    {
        Expect("SELECT");
        var isCount = false;
        if (Accept("COUNT"))
        {
            ExpectSymbol("(");
            ExpectSymbol("*");
            ExpectSymbol(")");
            isCount = true;
        }
        else
        {
            // Fields cannot be projected in this subset: only * (REFERENCE §2.5).
            ExpectSymbol("*");
        }

        Expect("FROM");
        var entityToken = Next(TokenKind.Word);
        var entity = EntityNames.Canonical(entityToken.Text)
            ?? throw QboException.QueryParse($"QueryValidationError: Invalid context declaration : {entityToken.Text}");

        var conditions = new List<Condition>();
        if (Accept("WHERE"))
        {
            do
            {
                conditions.Add(ParseCondition());
            }
            while (Accept("AND"));
        }

        var orderBy = new List<Ordering>();
        if (Accept("ORDERBY") || (Accept("ORDER") && Expect("BY")))
        {
            do
            {
                var field = Field();
                var descending = Accept("DESC");
                if (!descending)
                {
                    Accept("ASC");
                }

                orderBy.Add(new Ordering(field, descending));
            }
            while (AcceptSymbol(","));
        }

        int? start = null;
        int? max = null;
        while (Current.Kind == TokenKind.Word)
        {
            if (start is null && Accept("STARTPOSITION"))
            {
                start = Integer();
            }
            else if (max is null && Accept("MAXRESULTS"))
            {
                max = Integer();
            }
            else
            {
                break;
            }
        }

        if (Current.Kind != TokenKind.End)
        {
            throw Unexpected();
        }

        return new QueryModel(isCount, entity, conditions, orderBy, start, max);
    }

    private Condition ParseCondition()
    {
        var field = Field();
        if (Accept("IN"))
        {
            ExpectSymbol("(");
            var values = new List<Literal> { Value() };
            while (AcceptSymbol(","))
            {
                values.Add(Value());
            }

            ExpectSymbol(")");
            return new Condition(field, Operator.In, values);
        }

        var op = Accept("LIKE") ? Operator.Like : Current.Text switch
        {
            "=" => Operator.Equal,
            "<" => Operator.Less,
            ">" => Operator.Greater,
            "<=" => Operator.LessOrEqual,
            ">=" => Operator.GreaterOrEqual,
            _ => throw Unexpected(),
        };
        if (op != Operator.Like)
        {
            _position++;
        }

        var value = Value();
        if (op == Operator.Like && !value.IsString)
        {
            throw Unexpected();
        }

        return new Condition(field, op, [value]);
    }

    /// <summary>A field name; dotted paths are rejected (PrimaryEmailAddr.Address fails on QBO) except MetaData times.</summary>
    private string Field()
    {
        var token = Next(TokenKind.Word);
        if (token.Text.Contains('.', StringComparison.Ordinal))
        {
            return MetaDataFields.FirstOrDefault(f => string.Equals(f, token.Text, StringComparison.OrdinalIgnoreCase))
                ?? throw QboException.QueryParse($"QueryValidationError: property '{token.Text}' is not queryable");
        }

        return token.Text;
    }

    private Literal Value()
    {
        var token = Current;
        _position++;
        return token.Kind switch
        {
            TokenKind.String => new Literal(token.Text, true),
            TokenKind.Number => new Literal(token.Text, false),
            TokenKind.Word when token.Text.Equals("true", StringComparison.OrdinalIgnoreCase) => new Literal("true", false),
            TokenKind.Word when token.Text.Equals("false", StringComparison.OrdinalIgnoreCase) => new Literal("false", false),
            _ => throw UnexpectedAt(token),
        };
    }

    private int Integer()
    {
        var token = Next(TokenKind.Number);
        return int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw UnexpectedAt(token);
    }

    private bool Accept(string keyword)
    {
        if (Current.Kind == TokenKind.Word && Current.Text.Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            _position++;
            return true;
        }

        return false;
    }

    private bool Expect(string keyword) => Accept(keyword) ? true : throw Unexpected();

    private bool AcceptSymbol(string symbol)
    {
        if (Current.Kind == TokenKind.Symbol && Current.Text == symbol)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void ExpectSymbol(string symbol)
    {
        if (!AcceptSymbol(symbol))
        {
            throw Unexpected();
        }
    }

    private Token Next(TokenKind kind)
    {
        var token = Current;
        if (token.Kind != kind)
        {
            throw UnexpectedAt(token);
        }

        _position++;
        return token;
    }

    private QboException Unexpected() => UnexpectedAt(Current);

    private static QboException UnexpectedAt(Token token) =>
        QboException.QueryParse($"QueryParserError: Encountered \" {token.Kind.ToString().ToUpperInvariant()} \"{token.Text} \"\" at line 1, column {token.Column}.");
}
