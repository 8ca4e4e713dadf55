using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace TypedSocketIO.Tests.Architecture;

/// <summary>A type of an assembly under check: its source files (from the PDB) and every type it refers to.</summary>
/// <param name="Assembly">The assembly that defines it.</param>
/// <param name="Name">Its full name, nested types as <c>Outer+Inner</c>.</param>
/// <param name="Enclosing">The full name of the type it is nested in, or null.</param>
/// <param name="Documents">The source files of its methods, or the ones the PDB records for a type without method bodies.</param>
/// <param name="References">The types it uses.</param>
internal sealed record DefinedType(string Assembly, string Name, string? Enclosing, IReadOnlyList<string> Documents, IReadOnlyList<TypeName> References);

/// <summary>A type by assembly and full name.</summary>
internal readonly record struct TypeName(string Assembly, string Name)
{
    public override string ToString() => Name;
}

/// <summary>
/// Reads the types of an assembly and the types each one uses, from the metadata (base type,
/// interfaces, generic constraints, the signatures of fields, methods, properties and events,
/// attributes, the locals and catch clauses of method bodies, every type, member and signature
/// token in their IL) and, from the portable PDB next to it, the source file of each type.
/// Constant arguments of attributes (a <c>typeof</c> in an attribute) are not read.
/// </summary>
internal static class AssemblyDependencies
{
    /// <summary>The TypeDefinitionDocuments custom debug information Roslyn writes for types without method bodies.</summary>
    private static readonly Guid TypeDefinitionDocuments = new("932E74BC-DBA9-4478-8D46-0F32A7BAB3D3");

    public static IReadOnlyList<DefinedType> Read(string assemblyPath, string pdbPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        using var pdb = MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdbPath));
        return Read(pe, pdb.GetMetadataReader());
    }

    public static IReadOnlyList<DefinedType> Read(PEReader pe, MetadataReader pdb)
    {
        var metadata = pe.GetMetadataReader();
        var assembly = metadata.GetString(metadata.GetAssemblyDefinition().Name);
        var collector = new Collector(metadata, assembly);
        var documents = DocumentsByType(metadata, pdb);
        var types = new List<DefinedType>();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            var enclosing = type.GetDeclaringType();
            var references = collector.ReferencesOf(handle, pe);
            types.Add(new DefinedType(
                assembly,
                collector.NameOf(handle),
                enclosing.IsNil ? null : collector.NameOf(enclosing),
                documents.TryGetValue(handle, out var files) ? [.. files.Order(StringComparer.Ordinal)] : [],
                [.. references.Where(r => r.Name != collector.NameOf(handle) || r.Assembly != assembly).Distinct()]));
        }

        return types;
    }

    private static Dictionary<TypeDefinitionHandle, HashSet<string>> DocumentsByType(MetadataReader metadata, MetadataReader pdb)
    {
        var result = new Dictionary<TypeDefinitionHandle, HashSet<string>>();
        void Add(TypeDefinitionHandle type, DocumentHandle document)
        {
            if (!result.TryGetValue(type, out var set))
            {
                result[type] = set = [];
            }

            set.Add(pdb.GetString(pdb.GetDocument(document).Name));
        }

        foreach (var methodHandle in metadata.MethodDefinitions)
        {
            var info = pdb.GetMethodDebugInformation(methodHandle.ToDebugInformationHandle());
            var declaring = metadata.GetMethodDefinition(methodHandle).GetDeclaringType();
            if (!info.Document.IsNil)
            {
                Add(declaring, info.Document);
            }
            else if (!info.SequencePointsBlob.IsNil)
            {
                foreach (var point in info.GetSequencePoints())
                {
                    Add(declaring, point.Document);
                }
            }
        }

        foreach (var cdiHandle in pdb.CustomDebugInformation)
        {
            var cdi = pdb.GetCustomDebugInformation(cdiHandle);
            if (cdi.Parent.Kind != HandleKind.TypeDefinition || pdb.GetGuid(cdi.Kind) != TypeDefinitionDocuments)
            {
                continue;
            }

            var blob = pdb.GetBlobReader(cdi.Value);
            while (blob.RemainingBytes > 0)
            {
                Add((TypeDefinitionHandle)cdi.Parent, MetadataTokens.DocumentHandle(blob.ReadCompressedInteger()));
            }
        }

        return result;
    }

    /// <summary>Gathers the types a type definition refers to.</summary>
    private sealed class Collector(MetadataReader metadata, string assembly) : ISignatureTypeProvider<ImmutableArray<TypeName>, object?>
    {
        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        public List<TypeName> ReferencesOf(TypeDefinitionHandle handle, PEReader pe)
        {
            var found = new List<TypeName>();
            var type = metadata.GetTypeDefinition(handle);
            found.AddRange(OfEntity(type.BaseType));
            foreach (var implementation in type.GetInterfaceImplementations())
            {
                found.AddRange(OfEntity(metadata.GetInterfaceImplementation(implementation).Interface));
            }

            found.AddRange(OfGenericParameters(type.GetGenericParameters()));
            found.AddRange(OfAttributes(type.GetCustomAttributes()));
            foreach (var fieldHandle in type.GetFields())
            {
                var field = metadata.GetFieldDefinition(fieldHandle);
                found.AddRange(field.DecodeSignature(this, null));
                found.AddRange(OfAttributes(field.GetCustomAttributes()));
            }

            foreach (var propertyHandle in type.GetProperties())
            {
                var property = metadata.GetPropertyDefinition(propertyHandle);
                found.AddRange(OfMethodSignature(property.DecodeSignature(this, null)));
                found.AddRange(OfAttributes(property.GetCustomAttributes()));
            }

            foreach (var eventHandle in type.GetEvents())
            {
                var @event = metadata.GetEventDefinition(eventHandle);
                found.AddRange(OfEntity(@event.Type));
                found.AddRange(OfAttributes(@event.GetCustomAttributes()));
            }

            foreach (var implementationHandle in type.GetMethodImplementations())
            {
                found.AddRange(OfEntity(metadata.GetMethodImplementation(implementationHandle).MethodDeclaration));
            }

            foreach (var methodHandle in type.GetMethods())
            {
                found.AddRange(OfMethod(methodHandle, pe));
            }

            return found;
        }

        private IEnumerable<TypeName> OfMethod(MethodDefinitionHandle handle, PEReader pe)
        {
            var method = metadata.GetMethodDefinition(handle);
            var found = new List<TypeName>();
            found.AddRange(OfMethodSignature(method.DecodeSignature(this, null)));
            found.AddRange(OfAttributes(method.GetCustomAttributes()));
            found.AddRange(OfGenericParameters(method.GetGenericParameters()));
            foreach (var parameter in method.GetParameters())
            {
                found.AddRange(OfAttributes(metadata.GetParameter(parameter).GetCustomAttributes()));
            }

            if (method.RelativeVirtualAddress == 0)
            {
                return found;
            }

            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                foreach (var local in metadata.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null))
                {
                    found.AddRange(local);
                }
            }

            foreach (var region in body.ExceptionRegions)
            {
                found.AddRange(OfEntity(region.CatchType));
            }

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE)
                {
                    value = (short)(0xFE00 | il.ReadByte());
                }

                switch (OpCodesByValue[value].OperandType)
                {
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                        found.AddRange(OfEntity(MetadataTokens.EntityHandle(il.ReadInt32())));
                        break;
                    case OperandType.InlineSwitch:
                        var targets = il.ReadInt32(); // read first: `Offset +=` would take the offset from before it
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineString or OperandType.ShortInlineR:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                }
            }

            return found;
        }

        private IEnumerable<TypeName> OfGenericParameters(GenericParameterHandleCollection parameters) =>
            parameters.SelectMany(p => metadata.GetGenericParameter(p).GetConstraints()
                .SelectMany(c => OfEntity(metadata.GetGenericParameterConstraint(c).Type)));

        private IEnumerable<TypeName> OfAttributes(CustomAttributeHandleCollection attributes) =>
            attributes.SelectMany(a => OfEntity(metadata.GetCustomAttribute(a).Constructor));

        private static IEnumerable<TypeName> OfMethodSignature(MethodSignature<ImmutableArray<TypeName>> signature) =>
            signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p));

        /// <summary>The types a token names: a type, or the declaring type and signature of a member, or a signature.</summary>
        private ImmutableArray<TypeName> OfEntity(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return [];
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return [new TypeName(assembly, NameOf((TypeDefinitionHandle)handle))];
                case HandleKind.TypeReference:
                    return [OfReference((TypeReferenceHandle)handle)];
                case HandleKind.TypeSpecification:
                    return metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                case HandleKind.MemberReference:
                {
                    var member = metadata.GetMemberReference((MemberReferenceHandle)handle);
                    var signature = member.GetKind() == MemberReferenceKind.Method
                        ? OfMethodSignature(member.DecodeMethodSignature(this, null))
                        : member.DecodeFieldSignature(this, null);
                    return [.. OfEntity(member.Parent), .. signature];
                }

                case HandleKind.MethodDefinition:
                    return OfEntity(metadata.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                case HandleKind.FieldDefinition:
                    return OfEntity(metadata.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                case HandleKind.MethodSpecification:
                {
                    var specification = metadata.GetMethodSpecification((MethodSpecificationHandle)handle);
                    return [.. OfEntity(specification.Method), .. specification.DecodeSignature(this, null).SelectMany(t => t)];
                }

                case HandleKind.StandaloneSignature:
                {
                    var signature = metadata.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    return signature.GetKind() == StandaloneSignatureKind.Method
                        ? [.. OfMethodSignature(signature.DecodeMethodSignature(this, null))]
                        : [];
                }

                default:
                    return [];
            }
        }

        public string NameOf(TypeDefinitionHandle handle)
        {
            var type = metadata.GetTypeDefinition(handle);
            var name = metadata.GetString(type.Name);
            var enclosing = type.GetDeclaringType();
            if (!enclosing.IsNil)
            {
                return NameOf(enclosing) + "+" + name;
            }

            var ns = metadata.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        private TypeName OfReference(TypeReferenceHandle handle)
        {
            var reference = metadata.GetTypeReference(handle);
            var name = metadata.GetString(reference.Name);
            var scope = reference.ResolutionScope;
            if (scope.Kind == HandleKind.TypeReference)
            {
                var outer = OfReference((TypeReferenceHandle)scope);
                return outer with { Name = outer.Name + "+" + name };
            }

            var ns = metadata.GetString(reference.Namespace);
            var full = ns.Length == 0 ? name : ns + "." + name;
            var owner = scope.Kind == HandleKind.AssemblyReference
                ? metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
                : assembly;
            return new TypeName(owner, full);
        }

        // ISignatureTypeProvider: each type in a signature as the named types it is built of.
        public ImmutableArray<TypeName> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public ImmutableArray<TypeName> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => OfEntity(handle);

        public ImmutableArray<TypeName> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => OfEntity(handle);

        public ImmutableArray<TypeName> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => OfEntity(handle);

        public ImmutableArray<TypeName> GetSZArrayType(ImmutableArray<TypeName> elementType) => elementType;

        public ImmutableArray<TypeName> GetArrayType(ImmutableArray<TypeName> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<TypeName> GetByReferenceType(ImmutableArray<TypeName> elementType) => elementType;

        public ImmutableArray<TypeName> GetPointerType(ImmutableArray<TypeName> elementType) => elementType;

        public ImmutableArray<TypeName> GetPinnedType(ImmutableArray<TypeName> elementType) => elementType;

        public ImmutableArray<TypeName> GetModifiedType(ImmutableArray<TypeName> modifier, ImmutableArray<TypeName> unmodifiedType, bool isRequired) => [.. modifier, .. unmodifiedType];

        public ImmutableArray<TypeName> GetGenericInstantiation(ImmutableArray<TypeName> genericType, ImmutableArray<ImmutableArray<TypeName>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(t => t)];

        public ImmutableArray<TypeName> GetGenericMethodParameter(object? genericContext, int index) => [];

        public ImmutableArray<TypeName> GetGenericTypeParameter(object? genericContext, int index) => [];

        public ImmutableArray<TypeName> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeName>> signature) => [.. OfMethodSignature(signature)];
    }
}
