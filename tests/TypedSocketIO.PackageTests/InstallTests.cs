using System.Diagnostics;
using System.Globalization;
using TypedSocketIO.PackageTests.Infrastructure;
using Xunit.Abstractions;

namespace TypedSocketIO.PackageTests;

/// <summary>
/// TypedSocketIO as a new user gets it, proven by a real client's ack from a project outside the
/// repository: from the packages <c>dotnet pack</c> makes, and from a clone by the README's Import.
/// </summary>
public sealed class InstallTests(ITestOutputHelper output) : IDisposable
{
    private const string RepositoryUrl = "https://github.com/typedsocketio/typedsocketio";
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(45);
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("typedsocketio-install-");
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    [Fact]
    public async Task The_packages_from_a_local_feed_serve_a_typed_namespace_in_a_fresh_web_project()
    {
        // A prerelease of its own, and a packages folder of its own: no run sees another's
        // package, and the machine's NuGet cache never holds one.
        var suffix = "test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var feed = Path.Combine(_temp.FullName, "feed");
        await DotNet.RunAsync(RepositoryPaths.Root, PackTimeout, null,
            "pack", "TypedSocketIO.sln", "-c", "Release", "-p:VersionSuffix=" + suffix, "-p:PackageOutputPath=" + feed,
            "--artifacts-path", Path.Combine(_temp.FullName, "pack"), "-nologo", "-tl:off");
        Step("packed");

        var runtime = AssertPackages(feed, suffix);

        var consumer = Path.Combine(_temp.FullName, ConsumerApp.Name);
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_temp.FullName, "packages") };
        await DotNet.RunAsync(_temp.FullName, CommandTimeout, environment, "new", "web", "-n", ConsumerApp.Name, "-o", consumer, "--no-restore", "--no-update-check");
        File.WriteAllText(Path.Combine(consumer, "NuGet.config"), NuGetConfig(feed));
        await using var app = new ConsumerApp(consumer, environment);
        app.WriteProgram();
        await DotNet.RunAsync(consumer, CommandTimeout, environment, "add", "package", "TypedSocketIO", "--version", runtime.Version);
        Assert.Contains($"<PackageReference Include=\"TypedSocketIO\" Version=\"{runtime.Version}\" />", File.ReadAllText(Path.Combine(consumer, ConsumerApp.Name + ".csproj")), StringComparison.Ordinal);
        Step("created and added the package");

        await app.BuildAsync();
        Step("built");
        await ConnectAndAckAsync(app);
    }

    [Fact]
    public async Task A_project_outside_the_repository_importing_FromSource_props_serves_a_typed_namespace()
    {
        var consumer = Directory.CreateDirectory(Path.Combine(_temp.FullName, ConsumerApp.Name)).FullName;
        var props = Path.GetRelativePath(consumer, Path.Combine(RepositoryPaths.Root, "src", "TypedSocketIO", "TypedSocketIO.FromSource.props"));
        File.WriteAllText(Path.Combine(consumer, ConsumerApp.Name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <Import Project="{props}" />
            </Project>
            """);
        await using var app = new ConsumerApp(consumer, null);
        app.WriteProgram();

        await app.BuildAsync();
        Step("built");
        await ConnectAndAckAsync(app);
    }

    public void Dispose()
    {
        try
        {
            _temp.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is no test failure.
        }
    }

    /// <summary>
    /// Asserts what every package carries and what the runtime's carries (the generator and the
    /// analyzers inside it, Source Link in its symbols); returns the runtime's package.
    /// </summary>
    private PackageFile AssertPackages(string feed, string suffix)
    {
        var packages = Directory.GetFiles(feed, "*.nupkg").Order(StringComparer.Ordinal).Select(PackageFile.Open).ToList();
        foreach (var package in packages)
        {
            output.WriteLine($"{Path.GetFileName(package.Path)}: {new FileInfo(package.Path).Length:N0} bytes");
        }

        // Packages come from src/ only: tests, samples, benchmarks and the compiler plugins are not packages.
        var projects = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(path => Path.GetFileNameWithoutExtension(path)).ToHashSet();
        Assert.Subset(projects, packages.Select(p => p.Id).ToHashSet());

        foreach (var package in packages)
        {
            Assert.EndsWith("-" + suffix, package.Version, StringComparison.Ordinal);
            Assert.Equal("MIT", package.Value("license"));
            Assert.Equal("README.md", package.Value("readme"));
            Assert.Equal("icon.png", package.Value("icon"));
            Assert.Equal(RepositoryUrl, package.Element("repository")?.Attribute("url")?.Value);
            Assert.Matches("^[0-9a-f]{40}$", package.Element("repository")?.Attribute("commit")?.Value ?? "");
            Assert.Subset(new HashSet<string>(package.Entries), new HashSet<string> { "README.md", "LICENSE", "icon.png", $"lib/net10.0/{package.Id}.dll" });

            // Its own packages depend on one another at this very version.
            foreach (var dependency in package.Metadata.Descendants().Where(e => e.Name.LocalName == "dependency"))
            {
                var id = dependency.Attribute("id")!.Value;
                if (id.StartsWith("TypedSocketIO", StringComparison.Ordinal))
                {
                    Assert.Contains(packages, p => p.Id == id);
                    Assert.Equal(package.Version, dependency.Attribute("version")!.Value);
                }
            }

            var symbolsPath = Path.ChangeExtension(package.Path, ".snupkg");
            Assert.True(File.Exists(symbolsPath), $"no symbol package beside {package.Path}");
            var symbols = PackageFile.Open(symbolsPath);
            var pdb = $"lib/net10.0/{package.Id}.pdb";
            Assert.Contains(pdb, symbols.Entries);
            Assert.Matches($$"""^\{"documents":\{".*\*":"https://raw\.githubusercontent\.com/typedsocketio/typedsocketio/[0-9a-f]{40}/\*"\}\}$""", symbols.SourceLink(pdb));
        }

        var runtime = packages.Single(p => p.Id == "TypedSocketIO");
        Assert.Subset(new HashSet<string>(runtime.Entries), new HashSet<string>
        {
            "lib/net10.0/TypedSocketIO.xml",
            "analyzers/dotnet/cs/TypedSocketIO.Generators.dll",
            "analyzers/dotnet/cs/TypedSocketIO.Analyzers.dll",
            "analyzers/dotnet/cs/TypedSocketIO.Analyzers.CodeFixes.dll",
            "build/TypedSocketIO.props",
            "buildTransitive/TypedSocketIO.props",
        });
        return runtime;
    }

    /// <summary>The local feed for the TypedSocketIO packages, the usual source for the rest.</summary>
    private static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="local">
              <package pattern="TypedSocketIO" />
              <package pattern="TypedSocketIO.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    private async Task ConnectAndAckAsync(ConsumerApp app)
    {
        await app.StartAsync();
        Step($"answering on {app.BaseUrl}");
        var result = await NodeRunner.RunAsync("package/typed-ack.mjs", ClientTimeout, app.BaseUrl, "upgrade");
        Assert.False(result.TimedOut, result.Output);
        Assert.True(result.ExitCode == 0, $"{result.Output}\n-- app:\n{app.Log}");
        Step("acked");
    }

    private void Step(string what) => output.WriteLine($"{_watch.Elapsed.TotalSeconds,5:F0} s  {what}");
}
