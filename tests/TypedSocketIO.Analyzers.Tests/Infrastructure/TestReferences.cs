using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace TypedSocketIO.Analyzers.Tests.Infrastructure;

/// <summary>
/// What the test compilations reference, all of it on this machine before a test starts, so no
/// test downloads anything:
/// <list type="bullet">
/// <item>the .NET 10 reference assemblies embedded in Basic.Reference.Assemblies.Net100 (a package
/// restored with the test project, its assemblies carried as resources);</item>
/// <item>TypedSocketIO.dll and TypedSocketIO.Protocol.dll (the contract attributes and the seam),
/// copied to this test's output by its project reference;</item>
/// <item>ASP.NET Core and Microsoft.Extensions, which TypedSocketIO's public surface mentions, from
/// the shared framework this test process itself runs on (installed with the SDK).</item>
/// </list>
/// The testing library's own <see cref="ReferenceAssemblies"/> would resolve a reference pack
/// from NuGet at test time; <see cref="None"/> names a target framework with no package and no
/// assemblies, so it resolves nothing, and the references above go in as additional references.
/// </summary>
internal static class TestReferences
{
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> All { get; } = Create();

    private static ImmutableArray<MetadataReference> Create()
    {
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in Basic.Reference.Assemblies.Net100.References.All)
        {
            references.Add(reference);
            names.Add(Path.GetFileNameWithoutExtension(reference.FilePath ?? reference.Display ?? ""));
        }

        references.Add(MetadataReference.CreateFromFile(typeof(TypedSocketIO.Socket).Assembly.Location));
        names.Add("TypedSocketIO");
        references.Add(MetadataReference.CreateFromFile(typeof(TypedSocketIO.EventArguments).Assembly.Location));
        names.Add("TypedSocketIO.Protocol");

        // Only what TypedSocketIO.dll references itself: enough for every type its public surface
        // names, and a fraction of the shared framework to load for each test compilation.
        var aspNetCore = Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!;
        foreach (var name in typeof(TypedSocketIO.Socket).Assembly.GetReferencedAssemblies().Select(a => a.Name!).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(aspNetCore, name + ".dll");
            if (File.Exists(file) && names.Add(name))
            {
                references.Add(MetadataReference.CreateFromFile(file));
            }
        }

        return references.ToImmutable();
    }
}
