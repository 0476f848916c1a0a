using System.Security.Cryptography;
using System.Text;
using Scalearn.Cluster.Messages;

namespace Scalearn.Cluster.Wire;

/// <summary>
/// Signs and checks messages with the cluster key (HMAC-SHA256 over the message type and body). Without a key every
/// message is accepted (anyone with broker credentials is trusted); with one, a message without a valid MAC is dropped.
/// </summary>
internal sealed class MessageAuth
{
    private readonly byte[]? _key;

    public MessageAuth(string? clusterKey)
    {
        if (clusterKey is null) return;
        if (clusterKey.Length < 16) throw new ArgumentException("A cluster key must have at least 16 characters.", nameof(clusterKey));
        _key = SHA256.HashData(Encoding.UTF8.GetBytes("scalearn-cluster-key\0" + clusterKey));
    }

    public bool HasKey => _key is not null;

    public byte[]? Sign<T>(byte[] body) where T : ISignedMessage => _key is null ? null : Compute(typeof(T).Name, body);

    public T Seal<T>(byte[] body, Func<byte[], byte[]?, T> create) where T : ISignedMessage => create(body, Sign<T>(body));

    /// <summary>True when the message may be read: no key is set, or its MAC is valid.</summary>
    public bool Verify<T>(T message) where T : ISignedMessage
    {
        if (_key is null) return true;
        if (message.Mac is not { Length: 32 } mac || message.Body is null) return false;
        return CryptographicOperations.FixedTimeEquals(mac, Compute(typeof(T).Name, message.Body));
    }

    private byte[] Compute(string type, byte[] body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key!);
        hmac.AppendData(Encoding.UTF8.GetBytes(type));
        hmac.AppendData([0]);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
