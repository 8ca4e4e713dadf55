using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using TypedSocketIO.Generators;

namespace TypedSocketIO.Analyzers.Tests.Infrastructure;

/// <summary>The usings every test source gets, so each test shows only the code that matters.</summary>
internal static class TestSources
{
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Text.Json;
        global using System.Text.Json.Serialization;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using TypedSocketIO;
        """;

    /// <summary>An analyzer config that turns on <c>build_property.PublishAot</c>, as the packaged props file does for an AOT app.</summary>
    public const string PublishAot = """
        is_global = true
        build_property.PublishAot = true
        """;

    public static void Configure(SolutionState state, string? globalConfig)
    {
        state.ReferenceAssemblies = TestReferences.None;
        state.AdditionalReferences.AddRange(TestReferences.All);
        state.Sources.Add(("/0/GlobalUsings.cs", GlobalUsings));
        if (globalConfig is not null)
        {
            state.AnalyzerConfigFiles.Add(("/.globalconfig", globalConfig));
        }
    }
}

/// <summary>
/// Runs <typeparamref name="TAnalyzer"/> on a compilation that the real TypedSocketIO generator
/// has run on too (its output is not compared: the generator has its own baseline tests).
/// </summary>
internal sealed class SocketIOAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public SocketIOAnalyzerTest(string source, string? globalConfig = null)
    {
        TestCode = source;
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        TestSources.Configure(TestState, globalConfig);
    }

    /// <summary>Compiles with /unsafe, for tests of pointer parameters.</summary>
    public bool AllowUnsafe { get; init; }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(NamespaceGenerator)];

    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions())
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithAllowUnsafe(AllowUnsafe);
}

/// <summary>Runs a code fix, before and after, with the same references and generator as <see cref="SocketIOAnalyzerTest{TAnalyzer}"/>.</summary>
internal sealed class SocketIOCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public SocketIOCodeFixTest(string source, string fixedSource, string? globalConfig = null)
    {
        TestCode = source;
        FixedCode = fixedSource;
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        TestSources.Configure(TestState, globalConfig);
        // The fixed state inherits references and analyzer config from TestState; its sources are its own.
        FixedState.Sources.Add(("/0/GlobalUsings.cs", TestSources.GlobalUsings));
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(NamespaceGenerator)];

    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
}
