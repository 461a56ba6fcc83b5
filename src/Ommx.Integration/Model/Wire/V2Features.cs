using Google.Protobuf.Collections;
using Ommx.Integration.Model.Protos.V2;

namespace Ommx.Integration.Model.Wire;

/// <summary>The v2 <c>required_features</c> check: unknown features are rejected, known ones are not supported yet.</summary>
internal static class V2Features
{
    public static void Check(RepeatedField<Feature> required, string what, params (string Name, int Count)[] specialCollections)
    {
        foreach (var feature in required)
        {
            var name = feature switch
            {
                Feature.ConstraintIndicator => "indicator constraints",
                Feature.ConstraintOneHot => "one-hot constraints",
                Feature.ConstraintSos1 => "SOS1 constraints",
                _ => throw new ModelFormatException($"{what} requires an unknown feature {(int)feature}; upgrade Ommx.Integration to read it"),
            };
            throw new ModelFormatException($"{what} requires {name}, which Ommx.Integration does not support yet");
        }

        foreach (var (name, count) in specialCollections)
        {
            if (count > 0)
            {
                throw new ModelFormatException($"{what} has {count} {name}, which Ommx.Integration does not support yet");
            }
        }
    }
}
