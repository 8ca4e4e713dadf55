using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Xml.Linq;

namespace TypedSocketIO.PackageTests.Infrastructure;

/// <summary>A .nupkg or .snupkg read as NuGet reads it: its entries and its .nuspec.</summary>
public sealed class PackageFile
{
    /// <summary>The Source Link record of a portable PDB (its CustomDebugInformation kind).</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private PackageFile(string path, IReadOnlyList<string> entries, XElement metadata)
    {
        Path = path;
        Entries = entries;
        Metadata = metadata;
    }

    public string Path { get; }

    /// <summary>Every file of the package, by its path inside it.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>The nuspec's &lt;metadata&gt;.</summary>
    public XElement Metadata { get; }

    public string Id => Value("id");

    public string Version => Value("version");

    public static PackageFile Open(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        var nuspec = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return new PackageFile(path, entries, metadata);
    }

    /// <summary>The text of a metadata element ("" when absent).</summary>
    public string Value(string name) => Element(name)?.Value ?? "";

    public XElement? Element(string name) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    /// <summary>The Source Link JSON of the portable PDB at <paramref name="entry"/>.</summary>
    public string SourceLink(string entry)
    {
        using var zip = ZipFile.OpenRead(Path);
        using var pdb = new MemoryStream();
        using (var stream = zip.GetEntry(entry)!.Open())
        {
            stream.CopyTo(pdb);
        }

        pdb.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();
        foreach (var handle in reader.CustomDebugInformation)
        {
            var information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) == SourceLinkKind)
            {
                return Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
            }
        }

        return "";
    }
}
