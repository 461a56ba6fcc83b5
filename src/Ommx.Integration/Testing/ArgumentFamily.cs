namespace Ommx.Integration.Testing;

/// <summary>Which kind of column a theory argument fits, in the order that decides a name's plain column.</summary>
internal enum ArgumentFamily
{
    Number,
    Bool,
    Text,
}
