using Ommx.Integration.Model;
using Linear = Ommx.Integration.Model.Protos.V1.Linear;
using Polynomial = Ommx.Integration.Model.Protos.V1.Polynomial;
using Quadratic = Ommx.Integration.Model.Protos.V1.Quadratic;
using Ommx.Integration.Model.Wire;
using ProtoFunction = Ommx.Integration.Model.Protos.V1.Function;

namespace Ommx.Integration.Tests.Model;

public sealed class FunctionCodecTests
{
    [Fact]
    public void Read_QuadraticWithTransposedDuplicates_SumsThemIntoOneMonomial()
    {
        var proto = new ProtoFunction { Quadratic = new Quadratic { Rows = { 2, 0, 0 }, Columns = { 0, 2, 1 }, Values = { 1, 2, 0 } } };

        var f = FunctionCodec.Read(proto, "test");

        Assert.Equal([new FunctionTerm(Monomial.Quadratic(0, 2), 3)], f.Terms.ToArray());
    }

    [Fact]
    public void Read_LinearWithRepeatedAndZeroTerms_SumsAndDropsZeros()
    {
        var proto = new ProtoFunction
        {
            Linear = new Linear
            {
                Terms = { new Linear.Types.Term { Id = 4, Coefficient = 1 }, new Linear.Types.Term { Id = 1, Coefficient = 0 }, new Linear.Types.Term { Id = 4, Coefficient = 2 } },
                Constant = 7,
            },
        };

        var f = FunctionCodec.Read(proto, "test");

        Assert.Equal([new FunctionTerm(Monomial.Linear(4), 3)], f.Terms.ToArray());
        Assert.Equal(7, f.Constant);
        Assert.Equal([4UL], f.UsedDecisionVariableIds.ToArray());
    }

    [Fact]
    public void Read_QuadraticWithMismatchedLengths_Throws()
    {
        var proto = new ProtoFunction { Quadratic = new Quadratic { Rows = { 0, 1 }, Columns = { 0 }, Values = { 1, 1 } } };

        var error = Assert.Throws<ModelFormatException>(() => FunctionCodec.Read(proto, "Constraint 9"));

        Assert.Contains("Constraint 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("same length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonFiniteCoefficient_Throws()
    {
        var proto = new ProtoFunction { Polynomial = new Polynomial { Terms = { new Ommx.Integration.Model.Protos.V1.Monomial { Ids = { 1, 2, 3 }, Coefficient = double.NaN } } } };

        Assert.Throws<ModelFormatException>(() => FunctionCodec.Read(proto, "test"));
    }

    [Fact]
    public void Read_NoMemberSet_Throws()
    {
        var error = Assert.Throws<ModelFormatException>(() => FunctionCodec.Read(new ProtoFunction(), "Instance objective"));

        Assert.Contains("no member set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "Constant")]
    [InlineData(1, "Linear")]
    [InlineData(2, "Quadratic")]
    [InlineData(3, "Polynomial")]
    public void Write_FunctionOfDegree_PicksTheNarrowestMemberAndReadsBack(int degree, string expected)
    {
        var x = Enumerable.Range(0, 3).Select(i => DecisionVariable.Integer((ulong)i, -5, 5)).ToArray();
        var f = degree switch
        {
            0 => Integration.Model.Function.FromConstant(4),
            1 => 2 * x[0] - x[2] + 4,
            2 => (x[0] * x[1]) + (3 * x[2] * x[2]) - x[1] + 4,
            _ => (x[0] * x[1] * x[2]) + x[0] + 4,
        };

        var proto = FunctionCodec.Write(f);

        Assert.Equal(expected, proto.FunctionCase.ToString());
        Assert.Equal(f, FunctionCodec.Read(proto, "test"));
    }

    [Fact]
    public void Write_Zero_IsConstantZeroStillSet()
    {
        var proto = FunctionCodec.Write(Integration.Model.Function.Zero);

        Assert.Equal(ProtoFunction.FunctionOneofCase.Constant, proto.FunctionCase);
        Assert.NotEmpty(Google.Protobuf.MessageExtensions.ToByteArray(proto));
    }
}
