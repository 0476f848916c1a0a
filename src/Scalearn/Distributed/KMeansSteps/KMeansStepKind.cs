using Scalearn.Data;
using Scalearn.Distributed.Rounds;
using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Distributed.KMeansSteps;

/// <summary>
/// The partition steps of k-means: uniform picks, k-means|| cost updates with sampling or weighting, Lloyd iterations
/// returning per-center sums and counts, the farthest rows for empty clusters, and the final labels and inertia. All
/// distances come from one kernel (<see cref="KMeansBlocks"/>) over the partition's blocked rows, kept between rounds.
/// </summary>
[RegisteredTaskKind]
internal sealed class KMeansStepKind : PartitionStepKind<KMeansRequest, KMeansResult>
{
    private const int CheckEveryBlocks = 2048;
    private const int MaxRowsReturned = 1 << 20;

    public static KMeansStepKind Instance { get; } = new();

    public override string Name => "scalearn.kmeans-step";

    public override KMeansResult Step(PartitionContext partition, KMeansRequest request)
    {
        var blocks = partition.Derived("kmeans-blocks", () =>
        {
            var b = KMeansBlocks.From(partition.Data.X);
            return (b, b.Bytes);
        });
        if (request is not PickRequest && Centers(request).Cols != blocks.Cols)
            throw partition.Error($"has {blocks.Cols} features but the centers have {Centers(request).Cols}.");
        return request switch
        {
            PickRequest pick => Pick(partition, pick),
            CostRequest cost => Cost(partition, blocks, cost),
            LloydRequest lloyd => Lloyd(partition, blocks, lloyd),
            FarthestRequest farthest => Farthest(partition, blocks, farthest),
            LabelsRequest labels => Labels(blocks, labels),
            _ => throw new InvalidOperationException($"Unknown k-means request {request.GetType().Name}."),
        };
    }

    private static Matrix Centers(KMeansRequest request) => request switch
    {
        CostRequest c => c.Candidates,
        LloydRequest l => l.Centers,
        FarthestRequest f => f.Centers,
        LabelsRequest l => l.LabelCenters,
        _ => throw new InvalidOperationException(),
    };

    private static PickResult Pick(PartitionContext partition, PickRequest request)
    {
        // A max-heap of the smallest (bits, row) pairs seen so far.
        var heap = new PriorityQueue<int, (ulong Bits, long Row)>(request.Count + 1, Comparer<(ulong Bits, long Row)>.Create((a, b) => b.CompareTo(a)));
        for (int i = 0; i < partition.Rows; i++)
        {
            var key = (RowRandom.Bits(request.Key, partition.FirstRow + i), partition.FirstRow + i);
            if (heap.Count < request.Count) heap.Enqueue(i, key);
            else if (heap.TryPeek(out _, out var largest) && key.CompareTo(largest) < 0) heap.DequeueEnqueue(i, key);
        }
        var rows = new List<PickedRow>(heap.Count);
        while (heap.TryDequeue(out int i, out var key)) rows.Add(new PickedRow(key.Bits, key.Row, partition.Data.X.Row(i).ToArray()));
        rows.Reverse();
        return new PickResult([.. rows]);
    }

    private static CostResult Cost(PartitionContext partition, KMeansBlocks blocks, CostRequest request)
    {
        int n = blocks.Rows, d = blocks.Cols, m = request.Candidates.Rows;
        var state = partition.FitState("kmeans-cost:" + request.Run, () =>
        {
            var s = new CostState(n);
            return (s, s.Bytes);
        });
        lock (state)
        {
            if (state.Known != m)
            {
                int from = state.Known == request.From ? request.From : 0;
                if (from == 0) state.Reset();
                state.Known = -1;
                var added = request.Candidates.Values.AsSpan(from * d, (m - from) * d);
                Span<int> labels = stackalloc int[KMeansBlocks.Width];
                Span<double> distances = stackalloc double[KMeansBlocks.Width];
                for (int b = 0; b < blocks.Blocks; b++)
                {
                    if (b % CheckEveryBlocks == 0) FitInterruption.Check();
                    blocks.Nearest(b, added, labels, distances);
                    for (int lane = 0, rows = blocks.RowsIn(b); lane < rows; lane++)
                    {
                        int r = b * KMeansBlocks.Width + lane;
                        if (distances[lane] < state.Cost[r])
                        {
                            state.Cost[r] = distances[lane];
                            state.Closest[r] = from + labels[lane];
                        }
                    }
                }
                state.Known = m;
            }
            var total = new ExactSum();
            foreach (double c in state.Cost) total.Add(c);
            if (!request.Sample)
            {
                var weights = new long[m];
                foreach (int c in state.Closest) weights[c]++;
                return new CostResult(total.ToArray(), [], weights);
            }
            double sum = total.Value;
            var sampled = new List<SampledRow>();
            if (sum > 0)
                for (int r = 0; r < n; r++)
                {
                    // This partition's total is at most the dataset's, so its threshold keeps every row the driver's will.
                    double u = RowRandom.Uniform(request.Key, partition.FirstRow + r);
                    if (u < request.Oversampling * state.Cost[r] / sum) sampled.Add(new SampledRow(u, state.Cost[r], partition.FirstRow + r, blocks.Row(r)));
                }
            if (sampled.Count > MaxRowsReturned) throw partition.Error($"sampled {sampled.Count} rows in one k-means|| step; use fewer clusters or a smaller oversampling factor.");
            return new CostResult(total.ToArray(), [.. sampled], null);
        }
    }

    private static LloydResult Lloyd(PartitionContext partition, KMeansBlocks blocks, LloydRequest request)
    {
        int n = blocks.Rows, d = blocks.Cols, k = request.Centers.Rows;
        var state = partition.FitState("kmeans-assignment:" + request.Run, () =>
        {
            var s = new AssignmentState(n);
            return (s, s.Bytes);
        });
        lock (state)
        {
            bool havePrevious = request.Iteration > 1 && state.Iteration == request.Iteration - 1;
            if (!havePrevious && request.Previous is { } previous)
            {
                Assign(blocks, previous, state);
                havePrevious = true;
            }
            state.Iteration = -1;
            var sums = new Matrix(k, d);
            var counts = new long[k];
            long changed = 0;
            double inertia = 0;
            Span<int> labels = stackalloc int[KMeansBlocks.Width];
            Span<double> distances = stackalloc double[KMeansBlocks.Width];
            for (int b = 0; b < blocks.Blocks; b++)
            {
                if (b % CheckEveryBlocks == 0) FitInterruption.Check();
                blocks.Nearest(b, request.Centers.Values, labels, distances);
                for (int lane = 0, rows = blocks.RowsIn(b); lane < rows; lane++)
                {
                    int r = b * KMeansBlocks.Width + lane, label = labels[lane];
                    if (!havePrevious || state.Labels[r] != label) changed++;
                    state.Labels[r] = label;
                    state.Distances[r] = distances[lane];
                    inertia += distances[lane];
                    counts[label]++;
                    blocks.AddRow(b, lane, sums.Row(label));
                }
            }
            state.Iteration = request.Iteration;
            return new LloydResult(sums, counts, changed, inertia);
        }
    }

    private static FarthestResult Farthest(PartitionContext partition, KMeansBlocks blocks, FarthestRequest request)
    {
        var state = partition.FitState("kmeans-assignment:" + request.Run, () =>
        {
            var s = new AssignmentState(blocks.Rows);
            return (s, s.Bytes);
        });
        lock (state)
        {
            if (state.Iteration != request.Iteration)
            {
                Assign(blocks, request.Centers, state);
                state.Iteration = request.Iteration;
            }
            // A min-heap of the farthest rows seen so far: the least far (smallest distance, then largest row) on top.
            var heap = new PriorityQueue<int, (double Distance, long Row)>(request.Count + 1,
                Comparer<(double Distance, long Row)>.Create((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : b.Row.CompareTo(a.Row)));
            for (int r = 0; r < blocks.Rows; r++)
            {
                var key = (state.Distances[r], partition.FirstRow + r);
                if (heap.Count < request.Count) heap.Enqueue(r, key);
                else if (heap.TryPeek(out _, out var least) && heap.Comparer.Compare(key, least) > 0) heap.DequeueEnqueue(r, key);
            }
            var rows = new List<FarthestRow>(heap.Count);
            while (heap.TryDequeue(out int r, out var key)) rows.Add(new FarthestRow(key.Distance, key.Row, state.Labels[r], blocks.Row(r)));
            rows.Reverse();
            return new FarthestResult([.. rows]);
        }
    }

    private static LabelsResult Labels(KMeansBlocks blocks, LabelsRequest request)
    {
        var result = request.KeepLabels ? new int[blocks.Rows] : null;
        var inertia = new ExactSum();
        bool same = request.LabelCenters.Values.AsSpan().SequenceEqual(request.InertiaCenters.Values);
        Span<int> labels = stackalloc int[KMeansBlocks.Width];
        Span<double> distances = stackalloc double[KMeansBlocks.Width];
        var row = new double[blocks.Cols];
        for (int b = 0; b < blocks.Blocks; b++)
        {
            if (b % CheckEveryBlocks == 0) FitInterruption.Check();
            blocks.Nearest(b, request.LabelCenters.Values, labels, distances);
            for (int lane = 0, rows = blocks.RowsIn(b); lane < rows; lane++)
            {
                int r = b * KMeansBlocks.Width + lane;
                if (result is not null) result[r] = labels[lane];
                if (same) inertia.Add(distances[lane]);
                else
                {
                    blocks.CopyRow(r, row);
                    inertia.Add(KMeansBlocks.SquaredDistance(row, request.InertiaCenters.Row(labels[lane])));
                }
            }
        }
        return new LabelsResult(result, inertia.ToArray());
    }

    /// <summary>Every row's nearest center and distance into <paramref name="state"/> (rebuilding a lost assignment).</summary>
    private static void Assign(KMeansBlocks blocks, Matrix centers, AssignmentState state)
    {
        Span<int> labels = stackalloc int[KMeansBlocks.Width];
        Span<double> distances = stackalloc double[KMeansBlocks.Width];
        for (int b = 0; b < blocks.Blocks; b++)
        {
            if (b % CheckEveryBlocks == 0) FitInterruption.Check();
            blocks.Nearest(b, centers.Values, labels, distances);
            for (int lane = 0, rows = blocks.RowsIn(b); lane < rows; lane++)
            {
                state.Labels[b * KMeansBlocks.Width + lane] = labels[lane];
                state.Distances[b * KMeansBlocks.Width + lane] = distances[lane];
            }
        }
    }

    public override void WriteRequest(KMeansRequest request, WireWriter writer)
    {
        switch (request)
        {
            case PickRequest p:
                writer.Byte(1);
                writer.Int64((long)p.Key);
                writer.Int32(p.Count);
                break;
            case CostRequest c:
                writer.Byte(2);
                writer.String(c.Run);
                writer.Matrix(c.Candidates);
                writer.Int32(c.From);
                writer.Int64((long)c.Key);
                writer.Double(c.Oversampling);
                writer.Bool(c.Sample);
                break;
            case LloydRequest l:
                writer.Byte(3);
                writer.String(l.Run);
                writer.Int32(l.Iteration);
                writer.Matrix(l.Centers);
                writer.Matrix(l.Previous);
                break;
            case FarthestRequest f:
                writer.Byte(4);
                writer.String(f.Run);
                writer.Int32(f.Iteration);
                writer.Matrix(f.Centers);
                writer.Int32(f.Count);
                break;
            case LabelsRequest l:
                writer.Byte(5);
                writer.Matrix(l.LabelCenters);
                writer.Matrix(l.InertiaCenters);
                writer.Bool(l.KeepLabels);
                break;
            default:
                throw new ArgumentException($"Unknown k-means request {request.GetType().Name}.", nameof(request));
        }
    }

    public override KMeansRequest ReadRequest(WireReader reader)
    {
        KMeansRequest request = reader.Byte() switch
        {
            1 => new PickRequest((ulong)reader.Int64(), reader.Int32(1, MaxRowsReturned, "Pick count")),
            2 => new CostRequest(reader.String(256), reader.Matrix(), reader.Int32(0, WireData.MaxValues, "Known candidates"), (ulong)reader.Int64(),
                reader.Double(), reader.Bool()),
            3 => new LloydRequest(reader.String(256), reader.Int32(1, int.MaxValue, "Iteration"), reader.Matrix(), reader.NullableMatrix()),
            4 => new FarthestRequest(reader.String(256), reader.Int32(1, int.MaxValue, "Iteration"), reader.Matrix(), reader.Int32(1, MaxRowsReturned, "Row count")),
            5 => new LabelsRequest(reader.Matrix(), reader.Matrix(), reader.Bool()),
            var t => throw new InvalidDataException($"Unknown k-means request type {t}."),
        };
        string? problem = request switch
        {
            CostRequest c when c.From > c.Candidates.Rows || c.Candidates.Rows == 0 => "a k-means|| step needs candidates beyond those known",
            CostRequest c when !(c.Oversampling > 0) || !double.IsFinite(c.Oversampling) => "the oversampling factor must be a positive number",
            LloydRequest l when l.Centers.Rows == 0 || l.Previous is { } p && (p.Rows != l.Centers.Rows || p.Cols != l.Centers.Cols) => "centers and previous centers must agree",
            FarthestRequest f when f.Centers.Rows == 0 => "no centers",
            LabelsRequest l when l.LabelCenters.Rows == 0 || l.LabelCenters.Rows != l.InertiaCenters.Rows || l.LabelCenters.Cols != l.InertiaCenters.Cols =>
                "label and inertia centers must agree",
            _ => null,
        };
        return problem is null ? request : throw new InvalidDataException($"Malformed k-means request: {problem}.");
    }

    protected override void WriteValue(KMeansResult value, WireWriter writer)
    {
        switch (value)
        {
            case PickResult p:
                writer.Byte(1);
                writer.Int32(p.Rows.Length);
                foreach (var row in p.Rows)
                {
                    writer.Int64((long)row.Bits);
                    writer.Int64(row.Row);
                    writer.Doubles(row.Values);
                }
                break;
            case CostResult c:
                writer.Byte(2);
                writer.Doubles(c.CostSum);
                writer.Int32(c.Sampled.Length);
                foreach (var row in c.Sampled)
                {
                    writer.Double(row.Uniform);
                    writer.Double(row.Cost);
                    writer.Int64(row.Row);
                    writer.Doubles(row.Values);
                }
                writer.Int64s(c.Weights);
                break;
            case LloydResult l:
                writer.Byte(3);
                writer.Matrix(l.Sums);
                writer.Int64s(l.Counts);
                writer.Int64(l.Changed);
                writer.Double(l.Inertia);
                break;
            case FarthestResult f:
                writer.Byte(4);
                writer.Int32(f.Rows.Length);
                foreach (var row in f.Rows)
                {
                    writer.Double(row.Distance);
                    writer.Int64(row.Row);
                    writer.Int32(row.Label);
                    writer.Doubles(row.Values);
                }
                break;
            case LabelsResult l:
                writer.Byte(5);
                writer.Int32s(l.Labels ?? []);
                writer.Bool(l.Labels is not null);
                writer.Doubles(l.Inertia);
                break;
            default:
                throw new ArgumentException($"Unknown k-means result {value.GetType().Name}.", nameof(value));
        }
    }

    protected override KMeansResult ReadValue(WireReader reader)
    {
        switch (reader.Byte())
        {
            case 1:
            {
                var rows = new PickedRow[reader.Int32(0, MaxRowsReturned, "Picked rows")];
                for (int i = 0; i < rows.Length; i++) rows[i] = new PickedRow((ulong)reader.Int64(), reader.Int64(), reader.Doubles(WireData.MaxCols));
                return new PickResult(rows);
            }
            case 2:
            {
                var sum = reader.Doubles(1 << 16);
                var rows = new SampledRow[reader.Int32(0, MaxRowsReturned, "Sampled rows")];
                for (int i = 0; i < rows.Length; i++) rows[i] = new SampledRow(reader.Double(), reader.Double(), reader.Int64(), reader.Doubles(WireData.MaxCols));
                return new CostResult(sum, rows, reader.NullableInt64s(WireData.MaxValues));
            }
            case 3:
                return new LloydResult(reader.Matrix(), reader.Int64s(WireData.MaxValues), reader.Int64(), reader.Double());
            case 4:
            {
                var rows = new FarthestRow[reader.Int32(0, MaxRowsReturned, "Farthest rows")];
                for (int i = 0; i < rows.Length; i++) rows[i] = new FarthestRow(reader.Double(), reader.Int64(), reader.Int32(), reader.Doubles(WireData.MaxCols));
                return new FarthestResult(rows);
            }
            case 5:
            {
                var labels = reader.Int32s();
                bool kept = reader.Bool();
                return new LabelsResult(kept ? labels : null, reader.Doubles(1 << 16));
            }
            default:
                throw new InvalidDataException("Unknown k-means result type.");
        }
    }

    protected override string? Mismatch(KMeansRequest request, KMeansResult value)
    {
        bool RowsFit(IEnumerable<double[]> rows, int cols) => rows.All(r => r.Length == cols);
        return (request, value) switch
        {
            (PickRequest p, PickResult r) => r.Rows.Length <= p.Count ? null : "more rows than asked for",
            (CostRequest c, CostResult r) => r.CostSum.Length == 0 ? "no cost sum"
                : c.Sample != (r.Weights is null) ? "weights where samples were asked for, or the reverse"
                : r.Weights is { } w && (w.Length != c.Candidates.Rows || w.Any(x => x < 0)) ? "one non-negative weight per candidate"
                : !RowsFit(r.Sampled.Select(s => s.Values), c.Candidates.Cols) ? "sampled rows of the wrong width" : null,
            (LloydRequest l, LloydResult r) => r.Sums.Rows != l.Centers.Rows || r.Sums.Cols != l.Centers.Cols || r.Counts.Length != l.Centers.Rows
                || r.Counts.Any(c => c < 0) || r.Changed < 0 ? "sums and counts must match the centers" : null,
            (FarthestRequest f, FarthestResult r) => r.Rows.Length > f.Count || r.Rows.Any(row => (uint)row.Label >= (uint)f.Centers.Rows)
                || !RowsFit(r.Rows.Select(row => row.Values), f.Centers.Cols) ? "farthest rows do not fit the centers" : null,
            (LabelsRequest l, LabelsResult r) => l.KeepLabels != (r.Labels is not null) || r.Labels is { } labels && labels.Any(x => (uint)x >= (uint)l.LabelCenters.Rows)
                || r.Inertia.Length == 0 ? "labels do not fit the centers" : null,
            _ => "a result of another kind of request",
        };
    }
}
