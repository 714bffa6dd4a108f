using System.Reflection;
using NetArchTest.Rules;

namespace AccountingIntegration.Tests.Architecture;

/// <summary>
/// The house rules of docs/architecture.md as checks over compiled types (NetArchTest reads the IL, so
/// every reference counts: fields, parameters, locals, lambdas, async state machines). Each check
/// returns the violations it finds, so the tests can show both a clean service and a broken fixture.
/// </summary>
internal static class DependencyRules
{
    /// <summary>Types under <c>{root}.Infrastructure</c> that use anything under <c>{root}.Features</c>.</summary>
    public static IReadOnlyList<string> InfrastructureUsingFeatures(Assembly assembly, string root) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace(root + ".Infrastructure")
            .ShouldNot().HaveDependencyOn(root + ".Features").GetResult());

    /// <summary>Types of namespace <paramref name="from"/> that use namespace <paramref name="to"/>.</summary>
    public static IReadOnlyList<string> Using(Assembly assembly, string from, string to) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace(from).ShouldNot().HaveDependencyOn(to).GetResult());

    /// <summary>The feature folders: <c>{root}.Features.X</c> for every X that has a type.</summary>
    public static IReadOnlyList<string> Features(Assembly assembly, string root)
    {
        var prefix = root + ".Features.";
        return [.. assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => prefix + n[prefix.Length..].Split('.')[0])
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Which feature uses which, from the types' own references.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FeatureGraph(Assembly assembly, string root)
    {
        var features = Features(assembly, root);
        return features.ToDictionary(
            from => from,
            from => (IReadOnlyList<string>)[.. features.Where(to => to != from && Using(assembly, from, to).Count > 0)]);
    }

    /// <summary>Every cycle between feature folders, each as the path that closes it (A → B → A); empty when the graph is acyclic.</summary>
    public static IReadOnlyList<string> FeatureCycles(Assembly assembly, string root)
    {
        var graph = FeatureGraph(assembly, root);
        var cycles = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in graph.Keys)
        {
            Visit(start, [], done, graph, cycles);
        }

        return cycles;
    }

    private static void Visit(string node, List<string> path, HashSet<string> done, IReadOnlyDictionary<string, IReadOnlyList<string>> graph, List<string> cycles)
    {
        var onPath = path.IndexOf(node);
        if (onPath >= 0)
        {
            cycles.Add(string.Join(" → ", path.Skip(onPath).Append(node).Select(Short)));
            return;
        }

        if (done.Contains(node))
        {
            return;
        }

        path.Add(node);
        foreach (var next in graph[node])
        {
            Visit(next, path, done, graph, cycles);
        }

        path.RemoveAt(path.Count - 1);
        done.Add(node);
    }

    private static string Short(string featureNamespace) => featureNamespace[(featureNamespace.LastIndexOf('.') + 1)..];

    private static IReadOnlyList<string> Failing(TestResult result) =>
        result.IsSuccessful ? [] : [.. (result.FailingTypeNames ?? []).Order(StringComparer.Ordinal)];
}
