using Ommx.Integration.Experiments.Format;
using Ommx.Integration.Model;
using Ommx.Integration.Registry;

namespace Ommx.Integration.Experiments;

/// <summary>Reads typed OMMX attachments (v1 or v2 by media type), refusing an attachment of another kind.</summary>
internal static class TypedAttachments
{
    public static Instance Instance(Attachment attachment, LocalRegistry registry) =>
        Model.Instance.FromLayer(Check(attachment, PayloadLayer.IsInstance, "an OMMX Instance"), AttachmentScope.Read(registry, attachment));

    public static ParametricInstance ParametricInstance(Attachment attachment, LocalRegistry registry) =>
        Model.ParametricInstance.FromLayer(Check(attachment, PayloadLayer.IsParametricInstance, "an OMMX ParametricInstance"), AttachmentScope.Read(registry, attachment));

    public static Solution Solution(Attachment attachment, LocalRegistry registry) =>
        Model.Solution.FromLayer(Check(attachment, PayloadLayer.IsSolution, "an OMMX Solution"), AttachmentScope.Read(registry, attachment));

    public static SampleSet SampleSet(Attachment attachment, LocalRegistry registry) =>
        Model.SampleSet.FromLayer(Check(attachment, PayloadLayer.IsSampleSet, "an OMMX SampleSet"), AttachmentScope.Read(registry, attachment));

    private static string Check(Attachment attachment, Func<string, bool> isKind, string what) =>
        isKind(attachment.MediaType)
            ? attachment.MediaType
            : throw new InvalidOperationException($"Expected {what} attachment, got media type '{attachment.MediaType}'");
}
