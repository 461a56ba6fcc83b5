using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Ommx.Integration.Tests.Architecture;

/// <summary>
/// Reads a compiled assembly's metadata and IL and reports, for every top-level type it defines,
/// the other types of the same assembly it refers to: base type, interfaces, generic constraints,
/// field/method/property signatures, custom attributes, locals, and every token in method bodies
/// (calls, field access, casts, <c>typeof</c>, generic instantiations). Nested and compiler-generated
/// types (lambdas, async state machines) count for the top-level type that declares them.
/// Works on what the compiler emitted, so aliases, fully qualified names and implicit parent-namespace
/// lookups cannot hide a reference the way they can from a scan of <c>using</c> lines.
/// </summary>
internal sealed class TypeDependencyScanner
{
    private static readonly IReadOnlyDictionary<ushort, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => unchecked((ushort)op.Value), op => op.OperandType);

    private readonly MetadataReader _reader;
    private readonly PEReader _pe;
    private readonly TypeHandleCollector _collector;

    private TypeDependencyScanner(PEReader pe)
    {
        _pe = pe;
        _reader = pe.GetMetadataReader();
        _collector = new TypeHandleCollector();
    }

    /// <summary>Top-level type full name → full names of the top-level types of the same assembly it uses.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Scan(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        return new TypeDependencyScanner(pe).ScanAll();
    }

    private Dictionary<string, IReadOnlySet<string>> ScanAll()
    {
        var result = new Dictionary<string, HashSet<TypeDefinitionHandle>>();
        foreach (var handle in _reader.TypeDefinitions)
        {
            var owner = FullName(TopLevel(handle));
            if (!result.TryGetValue(owner, out var used))
            {
                result[owner] = used = [];
            }

            _collector.Target = used;
            CollectFromType(handle);
        }

        return result.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlySet<string>)kv.Value.Select(h => FullName(TopLevel(h))).Where(n => n != kv.Key).ToHashSet());
    }

    private void CollectFromType(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        CollectFromToken(type.BaseType);
        foreach (var i in type.GetInterfaceImplementations())
        {
            CollectFromToken(_reader.GetInterfaceImplementation(i).Interface);
        }

        CollectFromGenericParameters(type.GetGenericParameters());
        CollectFromAttributes(type.GetCustomAttributes());
        foreach (var f in type.GetFields())
        {
            var field = _reader.GetFieldDefinition(f);
            field.DecodeSignature(_collector, null);
            CollectFromAttributes(field.GetCustomAttributes());
        }

        foreach (var p in type.GetProperties())
        {
            var property = _reader.GetPropertyDefinition(p);
            property.DecodeSignature(_collector, null);
            CollectFromAttributes(property.GetCustomAttributes());
        }

        foreach (var e in type.GetEvents())
        {
            CollectFromToken(_reader.GetEventDefinition(e).Type);
        }

        foreach (var m in type.GetMethods())
        {
            var method = _reader.GetMethodDefinition(m);
            method.DecodeSignature(_collector, null);
            CollectFromGenericParameters(method.GetGenericParameters());
            CollectFromAttributes(method.GetCustomAttributes());
            foreach (var p in method.GetParameters())
            {
                CollectFromAttributes(_reader.GetParameter(p).GetCustomAttributes());
            }

            if (method.RelativeVirtualAddress != 0)
            {
                CollectFromBody(_pe.GetMethodBody(method.RelativeVirtualAddress));
            }
        }
    }

    private void CollectFromGenericParameters(GenericParameterHandleCollection parameters)
    {
        foreach (var g in parameters)
        {
            foreach (var c in _reader.GetGenericParameter(g).GetConstraints())
            {
                CollectFromToken(_reader.GetGenericParameterConstraint(c).Type);
            }
        }
    }

    private void CollectFromAttributes(CustomAttributeHandleCollection attributes)
    {
        foreach (var a in attributes)
        {
            CollectFromToken(_reader.GetCustomAttribute(a).Constructor);
        }
    }

    private void CollectFromBody(MethodBodyBlock body)
    {
        if (!body.LocalSignature.IsNil)
        {
            _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_collector, null);
        }

        foreach (var region in body.ExceptionRegions)
        {
            CollectFromToken(region.CatchType);
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            ushort code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (ushort)(0xFE00 | il.ReadByte());
            }

            switch (OperandTypes[code])
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32(); // read first: `Offset += Read()` would add to the offset before the read
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok
                    or OperandType.InlineType or OperandType.InlineSig:
                    CollectFromToken(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }
    }

    private void CollectFromToken(EntityHandle handle)
    {
        if (handle.IsNil)
        {
            return;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                _collector.Target!.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_collector, null);
                break;
            case HandleKind.FieldDefinition:
                _collector.Target!.Add(_reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MethodDefinition:
                _collector.Target!.Add(_reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                var member = _reader.GetMemberReference((MemberReferenceHandle)handle);
                CollectFromToken(member.Parent);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    member.DecodeMethodSignature(_collector, null);
                }
                else
                {
                    member.DecodeFieldSignature(_collector, null);
                }

                break;
            case HandleKind.MethodSpecification:
                var spec = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                CollectFromToken(spec.Method);
                spec.DecodeSignature(_collector, null);
                break;
            case HandleKind.StandaloneSignature:
                var signature = _reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                if (signature.GetKind() == StandaloneSignatureKind.Method)
                {
                    signature.DecodeMethodSignature(_collector, null);
                }

                break;
        }
    }

    private TypeDefinitionHandle TopLevel(TypeDefinitionHandle handle)
    {
        while (true)
        {
            var declaring = _reader.GetTypeDefinition(handle).GetDeclaringType();
            if (declaring.IsNil)
            {
                return handle;
            }

            handle = declaring;
        }
    }

    private string FullName(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        var ns = _reader.GetString(type.Namespace);
        var name = _reader.GetString(type.Name);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>Collects every type definition of this assembly that a signature mentions.</summary>
    private sealed class TypeHandleCollector : ISignatureTypeProvider<int, object?>
    {
        public HashSet<TypeDefinitionHandle>? Target { get; set; }

        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            Target!.Add(handle);
            return 0;
        }

        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;
        public int GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;
        public int GetSZArrayType(int elementType) => 0;
        public int GetArrayType(int elementType, ArrayShape shape) => 0;
        public int GetByReferenceType(int elementType) => 0;
        public int GetPointerType(int elementType) => 0;
        public int GetPinnedType(int elementType) => 0;
        public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;
        public int GetGenericMethodParameter(object? genericContext, int index) => 0;
        public int GetGenericTypeParameter(object? genericContext, int index) => 0;
        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;
        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;
    }
}
