using System.Reflection;
using System.Runtime.CompilerServices;

namespace TypedSocketIO.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with the checked-in files under <c>Baselines/{TestName}/{HintName}</c>.
/// With <c>TYPEDSOCKETIO_UPDATE_BASELINES=1</c> the baselines are written instead (and the test
/// still checks that the output compiles).
/// </summary>
internal static class Baseline
{
    public const string UpdateVariable = "TYPEDSOCKETIO_UPDATE_BASELINES";

    private static readonly string Root = typeof(Baseline).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BaselinesDirectory").Value!;

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
                File.WriteAllText(Path.Combine(directory, file.HintName), file.Text);
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
            if (expected != file.Text)
            {
                Assert.Fail($"{testName}/{file.HintName} differs from its baseline (set {UpdateVariable}=1 to rewrite it).{Environment.NewLine}{FirstDifference(expected, file.Text)}");
            }
        }
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
