using Scalearn.Cluster.Wire;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;
using Scalearn.ModelSelection;

namespace Scalearn.Cluster.Tests.Wire;

/// <summary>Small shared inputs inside task messages: encoded, decoded and checked as strictly as fetched ones.</summary>
public sealed class InlineInputTests
{
    private static readonly (TaskKey, byte[])[] OneTask = [(new TaskKey(1), [7])];

    private static TaskEnvelope Envelope(params InlineInput[] inline) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "test.probe", "c.driver.x", 42, OneTask, inline);

    private static InlineInput Inline(IBlob blob)
    {
        var bytes = new byte[blob.Length];
        blob.Read(0, bytes);
        return new InlineInput(blob.Id, blob.Format, bytes);
    }

    [Fact]
    public void AMessageRoundTripsWithAndWithoutInlineInputs()
    {
        var plain = TaskEnvelope.Decode(new TaskEnvelope(Guid.NewGuid(), Guid.NewGuid(), "test.probe", "c.driver.x", 42, OneTask).Encode());
        Assert.Empty(plain.Inline!);
        Assert.Null(plain.InlineCopy(new BytesBlob([1]).Id));

        var a = new BytesBlob([1, 2, 3]);
        var b = new BytesBlob(new byte[WireLimits.InlineInputBytes]);
        var empty = new BytesBlob([]);
        var back = TaskEnvelope.Decode(Envelope(Inline(a), Inline(b), Inline(empty)).Encode());
        Assert.Equal([a.Id, b.Id, empty.Id], back.Inline!.Select(i => i.Id));
        Assert.Equal([1, 2, 3], back.InlineCopy(a.Id)!.Bytes);
        Assert.Equal(WireLimits.InlineInputBytes, back.InlineCopy(b.Id)!.Bytes.Length);
        Assert.Equal(BytesFormat.FormatName, back.InlineCopy(empty.Id)!.Format);
        Assert.Null(back.InlineCopy(new BytesBlob([9]).Id));
        Assert.Equal(OneTask.Select(t => t.Item1), back.Tasks.Select(t => t.Key));
    }

    [Fact]
    public void AMessageOfAnotherLayoutIsRefusedAsMalformedNotMisread()
    {
        // Driver and workers come from one build, as for every wire change: a message of the layout before inline inputs
        // (no count after the tasks) or with more after them is malformed, and the worker drops it with the reason.
        var body = new TaskEnvelope(Guid.NewGuid(), Guid.NewGuid(), "test.probe", "c.driver.x", 42, OneTask).Encode();
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => TaskEnvelope.Decode(body[..^4])).Message);
        Assert.Contains("trailing", Assert.Throws<InvalidDataException>(() => TaskEnvelope.Decode([.. body, 0])).Message);
    }

    [Fact]
    public async Task AnInlineInputDecodesByItsFormatAsAFetchedOneDoes()
    {
        var bytes = new BytesBlob([5, 6, 7, 8]);
        Assert.Equal([5, 6, 7, 8], (byte[])(await Inline(bytes).DecodeAsync(CancellationToken.None)).Value);
        var folds = new FoldsBlob(new Folds([new Split([0, 1, 2], [3]), new Split([1, 2, 3], [0])]));
        var decoded = (Folds)(await Inline(folds).DecodeAsync(CancellationToken.None)).Value;
        Assert.Equal(folds.Id, decoded.ContentHash);
    }

    [Fact]
    public void MalformedInlineInputsFailTheMessageWithTheReason()
    {
        var input = Inline(new BytesBlob([1, 2, 3]));
        string Rejected(TaskEnvelope envelope) => Assert.Throws<InvalidDataException>(() => TaskEnvelope.Decode(envelope.Encode())).Message;

        Assert.Contains("is not a content hash", Rejected(Envelope(input with { Id = "../../etc/passwd" })));
        Assert.Contains("is not a content hash", Rejected(Envelope(input with { Id = input.Id.ToUpperInvariant() })));
        Assert.Contains($"at most {WireLimits.InlineInputBytes} bytes travel inline", Rejected(Envelope(Inline(new BytesBlob(new byte[WireLimits.InlineInputBytes + 1])))));
        Assert.Contains("comes twice", Rejected(Envelope(input, input)));
        var many = Enumerable.Range(0, WireLimits.MaxInlineBytesPerMessage / WireLimits.InlineInputBytes + 1)
            .Select(i => Inline(new BytesBlob(Enumerable.Repeat((byte)i, WireLimits.InlineInputBytes).ToArray()))).ToArray();
        Assert.Contains($"more than {WireLimits.MaxInlineBytesPerMessage} bytes", Rejected(Envelope(many)));
        Assert.Equal(many.Length - 1, TaskEnvelope.Decode(Envelope(many[1..]).Encode()).Inline!.Count);   // at the budget: accepted

        // Bytes declared past the end of the message.
        var body = Envelope(input).Encode();
        Assert.Contains("is malformed", Assert.Throws<InvalidDataException>(() => TaskEnvelope.Decode(body[..^1])).Message);
    }

    [Fact]
    public async Task AnInlineInputTheWorkerCannotTrustFailsWithTheReason()
    {
        var input = Inline(new BytesBlob([1, 2, 3]));
        async Task<string> Refused(InlineInput copy) => (await Assert.ThrowsAsync<InvalidDataException>(() => copy.DecodeAsync(CancellationToken.None).AsTask())).Message;

        Assert.Contains("format 'no-such-format', which this worker does not decode", await Refused(input with { Format = "no-such-format" }));
        Assert.Contains("hashes to", await Refused(input with { Bytes = [1, 2, 4] }));   // content that is not the id's
        Assert.Contains("is not a content hash", await Refused(input with { Id = "abc" }));
        // Length mismatch: bytes the format does not read, or fewer than it reads.
        Assert.Contains("has 5 bytes, but its format read 3", await Refused(new InlineInput(input.Id, PrefixFormat.Instance.Name, [1, 2, 3, 9, 9])));
        Assert.Contains("shorter than its format reads", await Refused(new InlineInput(input.Id, PrefixFormat.Instance.Name, [1, 2])));
        var folds = Inline(new FoldsBlob(new Folds([new Split([0, 1], [2])])));
        Assert.Contains("does not match its declared split sizes", await Refused(folds with { Bytes = [.. folds.Bytes, 0] }));
    }

    /// <summary>
    /// A format that reads three bytes whatever length it is given (their hash is the id), so that a copy longer than
    /// its content is caught by the inline decoding itself.
    /// </summary>
    private sealed class PrefixFormat : BlobFormat
    {
        public static readonly PrefixFormat Instance = Register();

        public override string Name => "test.inline-prefix";

        private static PrefixFormat Register()
        {
            var format = new PrefixFormat();
            BlobFormats.Register(format);
            return format;
        }

        public override async ValueTask<(object Value, long Bytes)> DecodeAsync(Stream content, long length, string id, CancellationToken ct)
        {
            var bytes = await BlobStreams.ReadBytesAsync(content, 3, ct);
            if (new BytesBlob(bytes).Id != id) throw new InvalidDataException("The three bytes do not hash to the id.");
            return (bytes, 3);
        }
    }
}
