namespace Ommx.Integration.Experiments;

/// <summary>Turns values of <typeparamref name="T"/> into attachment bytes of one media type and back.</summary>
public interface IAttachmentCodec<T>
{
    string MediaType { get; }

    byte[] Encode(T value);

    T Decode(byte[] bytes);
}
