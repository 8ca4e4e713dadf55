using System.Reflection;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>
/// The layers, read from the built assemblies: the protocol references the BCL (System.Text.Json
/// included) and nothing else, and what a socket shows of its handshake names no ASP.NET Core type.
/// </summary>
public class ProtocolAssemblyTests
{
    private static readonly Assembly Protocol = typeof(EventArguments).Assembly;

    [Fact]
    public void The_protocol_is_its_own_assembly_and_references_the_BCL_only()
    {
        Assert.Equal("TypedSocketIO.Protocol", Protocol.GetName().Name);
        var outside = Protocol.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => !name.StartsWith("System.", StringComparison.Ordinal) && name is not ("System" or "netstandard" or "mscorlib"))
            .ToArray();
        Assert.Empty(outside);
    }

    [Fact]
    public void The_server_depends_on_the_protocol_not_the_other_way()
    {
        var server = typeof(Socket).Assembly;

        Assert.Contains(server.GetReferencedAssemblies(), reference => reference.Name == "TypedSocketIO.Protocol");
        Assert.DoesNotContain(Protocol.GetReferencedAssemblies(), reference => reference.Name == "TypedSocketIO");
    }

    [Theory]
    [InlineData(typeof(SocketHandshake))]
    [InlineData(typeof(HandshakeDictionary))]
    [InlineData(typeof(HandshakeValues))]
    public void The_handshake_a_socket_shows_names_no_ASP_NET_Core_type(Type type)
    {
        var named = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .SelectMany(TypesNamedBy)
            .Where(named => named.Assembly.GetName().Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || named.Assembly.GetName().Name == "Microsoft.Extensions.Primitives")
            .Select(named => named.FullName)
            .ToArray();
        Assert.Empty(named);
    }

    private static IEnumerable<Type> TypesNamedBy(MemberInfo member) => member switch
    {
        PropertyInfo property => [property.PropertyType, .. property.GetIndexParameters().Select(p => p.ParameterType)],
        MethodInfo method => [method.ReturnType, .. method.GetParameters().Select(p => p.ParameterType)],
        FieldInfo field => [field.FieldType],
        _ => [],
    };
}
