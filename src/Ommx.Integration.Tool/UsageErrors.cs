using System.CommandLine;
using System.CommandLine.Parsing;
using Ommx.Integration.Tool.Commands;

namespace Ommx.Integration.Tool;

/// <summary>
/// The usage errors of one parse, each naming the command and, for a mistyped command or option, the closest
/// one that exists. A command argument that looks like an option (<c>ommx experiments --jsn</c>) is an unknown
/// option, not a value; after <c>--</c> it is a value.
/// </summary>
internal static class UsageErrors
{
    public static IReadOnlyList<string> Of(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var path = CommandPath(parsed.CommandResult);
        var messages = new List<string>();
        var unknown = new List<string>(parsed.UnmatchedTokens);
        unknown.AddRange(OptionLikeArguments(parsed));
        foreach (var token in unknown.Distinct(StringComparer.Ordinal))
        {
            messages.Add(token.StartsWith('-')
                ? $"unknown option `{token}` for `{path}`.{NameSuggestions.DidYouMean(token, OptionNames(parsed.CommandResult))}"
                : $"unknown command or argument `{token}` for `{path}`.{NameSuggestions.DidYouMean(token, command.Subcommands.Select(c => c.Name))}");
        }

        foreach (var error in parsed.Errors)
        {
            if (!unknown.Any(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal)))
            {
                messages.Add(error.Message);
            }
        }

        return messages;
    }

    /// <summary>e.g. <c>ommx experiments</c>.</summary>
    public static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult c)
            {
                names.Add(c.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static IEnumerable<string> OptionLikeArguments(ParseResult parsed)
    {
        var doubleDash = -1;
        for (var i = 0; i < parsed.Tokens.Count; i++)
        {
            if (parsed.Tokens[i].Type == TokenType.DoubleDash)
            {
                doubleDash = i;
                break;
            }
        }

        foreach (var argument in parsed.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                var position = IndexOf(parsed.Tokens, token);
                var afterDoubleDash = doubleDash >= 0 && (position < 0 || position > doubleDash);
                if (!afterDoubleDash && token.Value.Length > 1 && token.Value.StartsWith('-'))
                {
                    yield return token.Value;
                }
            }
        }
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The options the command takes, its own and the recursive ones of its parents, with aliases.</summary>
    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        foreach (var option in result.Command.Options)
        {
            yield return option.Name;
            foreach (var alias in option.Aliases)
            {
                yield return alias;
            }
        }

        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            foreach (var option in parent.Command.Options.Where(o => o.Recursive))
            {
                yield return option.Name;
            }
        }
    }
}
