using System.Text;
using QboSandbox.Http;

namespace QboSandbox.Query;

internal enum TokenKind
{
    Word,
    String,
    Number,
    Symbol,
    End,
}

internal sealed record Token(TokenKind Kind, string Text, int Column);

/// <summary>
/// Splits a query into tokens. String literals use single quotes with backslash escapes ('O\'Brien');
/// a typographic quote or a trailing backslash is a lexical error, as on QBO (REFERENCE §2.5).
/// </summary>
internal static class QueryTokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\u2018' or '\u2019' or '\u201C' or '\u201D')
            {
                throw Lexical(c, i);
            }
            else if (c == '\'')
            {
                i = ReadString(text, i, tokens);
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i], start + 1));
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i], start + 1));
            }
            else if (c is '<' or '>' && i + 1 < text.Length && text[i + 1] == '=')
            {
                tokens.Add(new Token(TokenKind.Symbol, text.Substring(i, 2), i + 1));
                i += 2;
            }
            else if (c is '*' or '(' or ')' or ',' or '=' or '<' or '>')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), i + 1));
                i++;
            }
            else
            {
                throw Lexical(c, i);
            }
        }

        tokens.Add(new Token(TokenKind.End, "<EOF>", text.Length + 1));
        return tokens;
    }

    private static int ReadString(string text, int quote, List<Token> tokens)
    {
        var value = new StringBuilder();
        var i = quote + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    throw QboException.QueryParse($"QueryParserError: Lexical error at line 1, column {i + 2}.  Encountered: <EOF> after : \"\\\\\"");
                }

                value.Append(text[i + 1]);
                i += 2;
            }
            else if (c == '\'')
            {
                tokens.Add(new Token(TokenKind.String, value.ToString(), quote + 1));
                return i + 1;
            }
            else if (c is '\u2018' or '\u2019')
            {
                // QBO's lexer rejects typographic quotes even inside a literal (REFERENCE §2.5).
                throw Lexical(c, i);
            }
            else
            {
                value.Append(c);
                i++;
            }
        }

        throw QboException.QueryParse($"QueryParserError: Lexical error at line 1, column {text.Length + 1}.  Encountered: <EOF> after : \"'{value}\"");
    }

    private static QboException Lexical(char c, int index) =>
        QboException.QueryParse($"QueryParserError: Lexical error at line 1, column {index + 1}.  Encountered: \"{c}\" ({(int)c}), after : \"\"");
}
