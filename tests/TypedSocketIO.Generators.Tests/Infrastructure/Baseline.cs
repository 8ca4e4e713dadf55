using System.Reflection;
using System.Runtime.CompilerServices;

namespace TypedSocketIO.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with the checked-in files under <c>Baselines/{TestName}/{HintName}</c>.
/// With <c>TYPEDSOCKETIO_UPDATE_BASELINES=1</c> the baselines are written instead (and the test
/// still checks that the output compiles). The generator's version in <c>[GeneratedCode]</c> is
/// <c>%VERSION%</c> in the baselines, so a release changes no baseline.
/// </summary>
internal static class Baseline
{
    public const string UpdateVariable = "TYPEDSOCKETIO_UPDATE_BASELINES";

    private static readonly string Root = typeof(Baseline).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BaselinesDirectory").Value!;

    /// <summary>What the baselines say instead of the generator's version.</summary>
    public const string VersionPlaceholder = "%VERSION%";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>
    /// Asserts that <paramref name="run"/> compiled with no error and no warning, and that its
    /// files are exactly the baselines of <paramref name="testName"/>.
    /// </summary>
    public static void Verify(GeneratorRun run, [CallerMemberName] string testName = "")
    {
        AssertClean(run);

        var directory = Path.Combine(Root, testName);
        if (Updating)
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            if (run.Files.IsEmpty)
            {
                return; // git keeps no empty folder: no folder means no file
            }

            Directory.CreateDirectory(directory);
            foreach (var file in run.Files)
            {
                File.WriteAllText(Path.Combine(directory, file.HintName), WithPlaceholder(file.Text));
            }

            return;
        }

        var expectedNames = Directory.Exists(directory)
            ? Directory.GetFiles(directory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()
            : [];
        var actualNames = run.Files.Select(f => f.HintName).ToArray();
        Assert.True(
            expectedNames.SequenceEqual(actualNames),
            $"The generated files of {testName} are not its baselines (set {UpdateVariable}=1 to rewrite them).{Environment.NewLine}" +
            $"expected: {string.Join(", ", expectedNames)}{Environment.NewLine}actual:   {string.Join(", ", actualNames)}");

        foreach (var file in run.Files)
        {
            var expected = GeneratorHarness.NormalizeLineEndings(File.ReadAllText(Path.Combine(directory, file.HintName)));
            var actual = WithPlaceholder(file.Text);
            if (expected != actual)
            {
                Assert.Fail($"{testName}/{file.HintName} differs from its baseline (set {UpdateVariable}=1 to rewrite it).{Environment.NewLine}{FirstDifference(expected, actual)}");
            }
        }
    }

    /// <summary>The generated text with the generator's version, where <c>[GeneratedCode]</c> states it, replaced by <see cref="VersionPlaceholder"/>.</summary>
    public static string WithPlaceholder(string text)
    {
        var version = typeof(NamespaceGenerator).Assembly.GetName().Version!.ToString(3);
        return text.Replace($"GeneratedCode(\"TypedSocketIO.Generators\", \"{version}\")", $"GeneratedCode(\"TypedSocketIO.Generators\", \"{VersionPlaceholder}\")", StringComparison.Ordinal);
    }

    /// <summary>Asserts that the generators reported nothing and the output compiled with no error and no warning.</summary>
    public static void AssertClean(GeneratorRun run) =>
        Assert.True(
            run.GeneratorDiagnostics.IsEmpty && run.Diagnostics.IsEmpty,
            "The output compilation has diagnostics:" + Environment.NewLine + run.Describe());

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"first difference at line {i + 1}:{Environment.NewLine}expected: {e}{Environment.NewLine}actual:   {a}";
            }
        }

        return "(no line differs)";
    }
}
