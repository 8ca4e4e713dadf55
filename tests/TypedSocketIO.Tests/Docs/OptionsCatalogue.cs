using System.Reflection;

namespace TypedSocketIO.Tests.Docs;

/// <summary>
/// Every setting a user can set on <see cref="SocketIOOptions"/>, by its path from there
/// (<c>EngineIO.Cors.AllowedOrigins</c>), read by reflection so that a new option shows up here
/// without anybody listing it. A property whose type is itself an options class of the library
/// (<c>EngineIO</c>, <c>Cors</c>) is a group: its own properties are settings. A group that is null
/// by default (<c>Cookie</c>: no cookie) is a setting as well, since setting it turns a feature on.
/// </summary>
internal static class OptionsCatalogue
{
    public static IReadOnlyList<Setting> All { get; } = [.. Walk(typeof(SocketIOOptions), new SocketIOOptions(), prefix: "")];

    private static IEnumerable<Setting> Walk(Type type, object defaults, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (property.SetMethod is not { IsPublic: true })
            {
                continue;
            }

            var path = prefix + property.Name;
            var value = property.GetValue(defaults);
            if (!IsGroup(property.PropertyType))
            {
                yield return new Setting(path, property, value);
                continue;
            }

            if (value is null)
            {
                yield return new Setting(path, property, null);
                value = Activator.CreateInstance(property.PropertyType)!;
            }

            foreach (var setting in Walk(property.PropertyType, value, path + "."))
            {
                yield return setting;
            }
        }
    }

    private static bool IsGroup(Type type) =>
        type.IsClass && type.Assembly == typeof(SocketIOOptions).Assembly && type.Name.EndsWith("Options", StringComparison.Ordinal);

    /// <summary>Reads the setting at <paramref name="path"/> of <paramref name="options"/>.</summary>
    public static object? Read(SocketIOOptions options, string path)
    {
        object? current = options;
        foreach (var name in path.Split('.'))
        {
            Assert.True(current is not null, $"{path}: a group on the way is null");
            current = current.GetType().GetProperty(name)!.GetValue(current);
        }

        return current;
    }

    /// <summary>One setting: its path, its property and the value a new options instance holds.</summary>
    internal sealed record Setting(string Path, PropertyInfo Property, object? Default)
    {
        public Type Type => Property.PropertyType;

        /// <summary>Whether the README can state the default in a form this test reads.</summary>
        public bool IsSimple => Type == typeof(TimeSpan) || Type == typeof(int) || Type == typeof(long)
            || Type == typeof(bool) || Type == typeof(string) || Type.IsEnum;
    }
}
