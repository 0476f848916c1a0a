using System.Globalization;
using System.Text;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Jobs;
using Scalearn.Linear;
using Scalearn.NaiveBayes;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;
using Scalearn.Tests.Data.Tables;
using Scalearn.Trees;

namespace Scalearn.Tests.Jobs;

public sealed class StreamTrainerTests : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>x0..x2 and a target: y = Xw + noise, or with <paramref name="classify"/> a class 0/1/2 from x0 and x1.</summary>
    private string Csv(string name, int rows, bool classify = false, Func<int, string?>? cell = null)
    {
        var rng = new global::Scalearn.Numerics.Rng(5);
        var text = new StringBuilder("x0,x1,x2,target\n");
        for (int r = 0; r < rows; r++)
        {
            double a = Math.Round(rng.NextGaussian(), 4), b = Math.Round(rng.NextGaussian(), 4), c = Math.Round(rng.NextGaussian(), 4);
            double y = classify ? (a > 0.5 ? 2 : b > 0 ? 1 : 0) : Math.Round(2 * a - b + 0.5 * c + 0.1 * rng.NextGaussian(), 4);
            text.Append(CultureInfo.InvariantCulture, $"{cell?.Invoke(r) ?? a.ToString("R", CultureInfo.InvariantCulture)},{b:R},{c:R},{y:R}\n");
        }
        return _files.Write(name, text.ToString());
    }

    private sealed class Recorder : IProgress<StreamFitProgress>
    {
        public List<StreamFitProgress> Chunks { get; } = [];
        public void Report(StreamFitProgress value) => Chunks.Add(value);
    }

    /// <summary>partial_fit by hand over the file's chunks, with each chunk's score by the model before it (NaN for the first).</summary>
    private static (IModel Model, List<double> Scores) ByHand(IIncrementalEstimator estimator, string path, int chunkSize, int epochs = 1, double[]? classes = null)
    {
        var learner = estimator.StartIncremental();
        var scores = new List<double>();
        for (int e = 0; e < epochs; e++)
        {
            using var reader = TableReader.Open(path, new TableOptions { Target = "target" });
            foreach (var chunk in reader.Chunks(chunkSize))
            {
                scores.Add(learner.RowsSeen == 0 ? double.NaN : ((IPredictor)learner.Snapshot()).Score(chunk));
                learner.PartialFit(chunk, classes);
            }
        }
        return (learner.Snapshot(), scores);
    }

    [Fact]
    public async Task An_SGD_regressor_learns_as_partial_fit_by_hand_and_scores_each_chunk_before_learning_it()
    {
        var path = Csv("reg.csv", 2_345);
        var progress = new Recorder();
        var result = await StreamTrainer.RunAsync(new LocalExecutor(2), path, new SGDRegressor { RandomState = 0 },
            new StreamFitOptions { ChunkSize = 500, Progress = progress });

        var (model, scores) = ByHand(new SGDRegressor { RandomState = 0 }, path, 500);
        var data = TableReader.Load(path);
        Assert.Equal(((IPredictor)model).Predict(data), ((IPredictor)result.Model).Predict(data));
        Assert.Equal(scores, progress.Chunks.Select(c => c.Score));
        Assert.Equal([0L, 500, 1000, 1500, 2000], progress.Chunks.Select(c => c.FirstRow));
        Assert.Equal([500, 500, 500, 500, 345], progress.Chunks.Select(c => c.Rows));
        Assert.Equal(scores.Skip(1).Average(), progress.Chunks[^1].MeanScore, 12);
        Assert.Equal(scores.Skip(1).Average(), result.EpochScores.Single(), 12);
        Assert.True(scores[^1] > 0.9, $"the last chunk's progressive R^2 is {scores[^1]}");
        Assert.Equal("r2", result.ScoreName);
        Assert.Equal(2_345, result.RowsLearned);
        Assert.Equal(["x0", "x1", "x2"], result.FeatureNames);
    }

    /// <summary>Any executor but the local one: the trainer then scores through a job of <see cref="StreamScoreKind"/> tasks.</summary>
    private sealed class Delegating(ITaskExecutor inner) : ITaskExecutor
    {
        public int Slots => inner.Slots;
        public IJob<TTask, TResult> Start<TTask, TResult>(TaskKind<TTask, TResult> kind, IEnumerable<global::Scalearn.Execution.Blobs.IBlob>? inputs = null,
            JobOptions? options = null) where TTask : notnull where TResult : notnull => inner.Start(kind, inputs, options);
    }

    [Fact]
    public async Task One_row_chunks_of_a_regressor_have_no_r2_rather_than_a_score_of_zero()
    {
        var path = Csv("reg1.csv", 20);
        var progress = new Recorder();
        var result = await StreamTrainer.RunAsync(new LocalExecutor(1), path, new SGDRegressor { RandomState = 0 },
            new StreamFitOptions { ChunkSize = 1, Progress = progress });

        Assert.Equal(20, progress.Chunks.Count);
        Assert.All(progress.Chunks, c => Assert.True(double.IsNaN(c.Score)));   // r2_score of one sample is undefined (NaN)
        Assert.True(double.IsNaN(result.EpochScores[0]));
    }

    [Fact]
    public async Task Scoring_through_an_executor_job_gives_the_scores_and_model_of_scoring_in_place()
    {
        var path = Csv("clf.csv", 2_000, classify: true);
        async Task<(StreamFitResult Result, List<StreamFitProgress> Chunks)> Run(ITaskExecutor executor)
        {
            var progress = new Recorder();
            var result = await StreamTrainer.RunAsync(executor, path, new Pipeline(("scale", new StandardScaler()), ("nb", new GaussianNB())),
                new StreamFitOptions { ChunkSize = 150, Epochs = 2, ShuffleChunks = true, RandomState = 4, Progress = progress });
            return (result, progress.Chunks);
        }
        var here = await Run(new LocalExecutor(2));
        var job = await Run(new Delegating(new LocalExecutor(2)));
        static IEnumerable<(int, int, long, int, double, double)> Seen(IEnumerable<StreamFitProgress> chunks) =>
            chunks.Select(p => (p.Epoch, p.Chunk, p.FirstRow, p.Rows, p.Score, p.MeanScore));
        Assert.Equal(Seen(here.Chunks), Seen(job.Chunks));
        Assert.Equal(here.Result.EpochScores, job.Result.EpochScores);
        var data = TableReader.Load(path);
        Assert.Equal(((IClassifierModel)here.Result.Model).PredictProba(data).Values, ((IClassifierModel)job.Result.Model).PredictProba(data).Values);
        Assert.True(job.Chunks.Count(c => !double.IsNaN(c.Score)) >= 25);
    }

    [Fact]
    public async Task A_classifier_gets_every_class_from_a_first_pass_even_when_the_first_chunk_lacks_one()
    {
        // Rows sorted by class: the first chunks hold class 0 only.
        var lines = File.ReadAllLines(Csv("unsorted.csv", 1_500, classify: true));
        var sorted = _files.Write("clf.csv", string.Join("\n", lines.Take(1).Concat(lines.Skip(1).OrderBy(l => l[^1]))) + "\n");
        var result = await StreamTrainer.RunAsync(new LocalExecutor(2), sorted, new GaussianNB(), new StreamFitOptions { ChunkSize = 400 });

        var (model, _) = ByHand(new GaussianNB(), sorted, 400, classes: [0, 1, 2]);
        Assert.Equal([0.0, 1, 2], ((IClassifierModel)result.Model).Classes);
        var data = TableReader.Load(sorted);
        Assert.Equal(((IClassifierModel)model).PredictProba(data).Values, ((IClassifierModel)result.Model).PredictProba(data).Values);
        Assert.Equal("accuracy", result.ScoreName);

        // Given classes are used as they are (scikit-learn's classes=), and a label outside them is refused.
        var e = await Assert.ThrowsAsync<ArgumentException>(() => StreamTrainer.RunAsync(new LocalExecutor(1), sorted, new GaussianNB(),
            new StreamFitOptions { ChunkSize = 400, Classes = [0, 1] }));
        Assert.Contains("do not exist in the initial classes", e.Message);
    }

    [Fact]
    public async Task A_text_target_is_learned_with_every_label_and_the_model_predicts_the_labels()
    {
        // Labels sorted so that the first chunks lack "high"; "low" < "mid" < "high" is not their ordinal order.
        string[] names = ["low", "mid", "high"];
        var lines = File.ReadAllLines(Csv("numeric.csv", 900, classify: true));
        var text = lines.Skip(1).OrderBy(l => l[^1]).Select(l => l[..l.LastIndexOf(',')] + "," + names[l[^1] - '0']);
        var path = _files.Write("labels.csv", string.Join("\n", lines.Take(1).Concat(text)) + "\n");

        var result = await StreamTrainer.RunAsync(new LocalExecutor(2), path, new GaussianNB(), new StreamFitOptions { ChunkSize = 200 });

        var whole = TableReader.Load(path, new TableOptions { Target = "target" });
        Assert.Equal(["high", "low", "mid"], whole.ClassNames);
        var (model, _) = ByHand(new GaussianNB(), _files.Write("coded.csv", string.Join("\n", lines.Take(1).Concat(lines.Skip(1).OrderBy(l => l[^1])
            .Select(l => l[..l.LastIndexOf(',')] + "," + Array.IndexOf(["high", "low", "mid"], names[l[^1] - '0'])))) + "\n"), 200, classes: [0, 1, 2]);
        Assert.Equal(((IClassifierModel)model).PredictProba(whole).Values, ((IClassifierModel)result.Model).PredictProba(whole).Values);
        Assert.Equal("high", ModelSchema.For(result.Model)!.Label(((IPredictor)result.Model).Predict(whole)[^1]));

        // Labels given up front (scikit-learn's classes=) are used as they are; a label outside them is refused by row.
        var given = await StreamTrainer.RunAsync(new LocalExecutor(1), path, new GaussianNB(),
            new StreamFitOptions { ChunkSize = 200, ClassNames = ["mid", "low", "high", "none"] });
        Assert.Equal(["high", "low", "mid", "none"], ModelSchema.For(given.Model)!.ClassNames);
        var e = await Assert.ThrowsAnyAsync<Exception>(() => StreamTrainer.RunAsync(new LocalExecutor(1), path, new GaussianNB(),
            new StreamFitOptions { ChunkSize = 200, ClassNames = ["low", "mid"] }));
        Assert.Contains("'high'", e.Message);
    }

    [Fact]
    public async Task Every_feature_left_out_is_refused_as_scikit_learns_partial_fit_refuses_0_features()
    {
        var path = Csv("no-features.csv", 50);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => StreamTrainer.RunAsync(new LocalExecutor(1), path, new SGDRegressor(),
            new StreamFitOptions { ChunkSize = 10, Exclude = ["x0", "x1", "x2"] }));
        Assert.Contains("0 feature(s)", e.Message);
        Assert.Contains("--drop", e.Message);
    }

    [Fact]
    public async Task A_text_target_is_left_out_by_a_clusterer_and_refused_by_a_regressor()
    {
        var lines = File.ReadAllLines(Csv("numbers.csv", 300));
        var path = _files.Write("named.csv", string.Join("\n", lines.Take(1).Concat(lines.Skip(1).Select((l, i) => l[..l.LastIndexOf(',')] + (i % 2 == 0 ? ",odd" : ",even")))) + "\n");

        var clusters = await StreamTrainer.RunAsync(new LocalExecutor(1), path, new global::Scalearn.Clustering.MiniBatchKMeans { NClusters = 2, RandomState = 0 },
            new StreamFitOptions { ChunkSize = 100 });
        Assert.Equal(3, clusters.Model.FeatureCount);
        Assert.Null(ModelSchema.For(clusters.Model)!.ClassNames);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => StreamTrainer.RunAsync(new LocalExecutor(1), path, new SGDRegressor(),
            new StreamFitOptions { ChunkSize = 100 }));
        Assert.Contains("holds text", e.Message);
    }

    [Fact]
    public async Task A_pipeline_learns_each_step_then_transforms_the_chunk_for_the_next()
    {
        var path = Csv("clf.csv", 1_800, classify: true);
        Pipeline Make() => new(("scale", new StandardScaler()), ("sgd", new SGDClassifier { RandomState = 3 }));
        var progress = new Recorder();
        var result = await StreamTrainer.RunAsync(new LocalExecutor(2), path, Make(), new StreamFitOptions { ChunkSize = 600, Epochs = 2, Progress = progress });

        var scaler = new StandardScaler().StartIncremental();
        var sgd = new SGDClassifier { RandomState = 3 }.StartIncremental();
        for (int e = 0; e < 2; e++)
        {
            using var reader = TableReader.Open(path, new TableOptions { Target = "target" });
            foreach (var chunk in reader.Chunks(600))
            {
                scaler.PartialFit(chunk);
                sgd.PartialFit(((ITransformerModel)scaler.Snapshot()).Transform(chunk), [0, 1, 2]);
            }
        }
        var data = TableReader.Load(path);
        var expected = ((IPredictor)sgd.Snapshot()).Predict(((ITransformerModel)scaler.Snapshot()).Transform(data));
        Assert.IsAssignableFrom<PipelineModel>(result.Model);
        Assert.Equal(expected, ((IPredictor)result.Model).Predict(data));
        Assert.Equal([0, 0, 0, 1, 1, 1], progress.Chunks.Select(c => c.Epoch));
        Assert.Equal(2, result.EpochScores.Count);
        Assert.Equal(3_600, result.RowsLearned);
    }

    [Fact]
    public async Task Two_epochs_equal_two_passes_by_hand()
    {
        var path = Csv("reg.csv", 1_000);
        var progress = new Recorder();
        var result = await StreamTrainer.RunAsync(new LocalExecutor(1), path, new SGDRegressor { RandomState = 1 },
            new StreamFitOptions { ChunkSize = 300, Epochs = 2, Progress = progress });
        var (model, scores) = ByHand(new SGDRegressor { RandomState = 1 }, path, 300, epochs: 2);
        var data = TableReader.Load(path);
        Assert.Equal(((IPredictor)model).Predict(data), ((IPredictor)result.Model).Predict(data));
        Assert.Equal(scores, progress.Chunks.Select(c => c.Score));
        Assert.Equal(scores.Skip(4).Average(), result.EpochScores[1], 12);
    }

    [Fact]
    public async Task Shuffled_chunks_are_reproducible_by_seed_and_cover_every_row_each_epoch()
    {
        var path = Csv("reg.csv", 3_000);
        async Task<(IModel Model, List<StreamFitProgress> Chunks)> Run(int seed, int threads)
        {
            var progress = new Recorder();
            var result = await StreamTrainer.RunAsync(new LocalExecutor(threads), path, new SGDRegressor { RandomState = 0 },
                new StreamFitOptions { ChunkSize = 500, Epochs = 3, ShuffleChunks = true, RandomState = seed, Progress = progress });
            return (result.Model, progress.Chunks);
        }
        var a = await Run(7, 1);
        var b = await Run(7, 2);
        var c = await Run(8, 2);
        var data = TableReader.Load(path);
        static IEnumerable<(int, int, long, int, double, double)> Seen(IEnumerable<StreamFitProgress> chunks) =>
            chunks.Select(p => (p.Epoch, p.Chunk, p.FirstRow, p.Rows, p.Score, p.MeanScore));
        Assert.Equal(Seen(a.Chunks), Seen(b.Chunks));
        Assert.Equal(((IPredictor)a.Model).Predict(data), ((IPredictor)b.Model).Predict(data));
        Assert.NotEqual(a.Chunks.Select(p => p.FirstRow), c.Chunks.Select(p => p.FirstRow));
        for (int e = 0; e < 3; e++)
        {
            var epoch = a.Chunks.Where(p => p.Epoch == e).ToList();
            Assert.Equal(3_000, epoch.Sum(p => p.Rows));
            Assert.Equal(epoch.Count, epoch.Select(p => p.FirstRow).Distinct().Count());
        }
        Assert.NotEqual(a.Chunks.Where(p => p.Epoch == 0).Select(p => p.FirstRow), a.Chunks.Where(p => p.Epoch == 1).Select(p => p.FirstRow));
    }

    [Fact]
    public async Task Shuffled_chunks_of_a_parquet_file_with_one_big_row_group_have_the_chunk_size()
    {
        var csv = Csv("reg.csv", 3_000);
        string path = Path.ChangeExtension(csv, ".parquet");
        using (var reader = TableReader.Open(csv, new TableOptions { Target = null }))
        using (var writer = TableWriter.Create(path, rowGroupRows: 10_000))
            foreach (var chunk in reader.Chunks(3_000)) writer.Write(chunk);
        Assert.Single(TablePartitioner.Split(path, 6));   // one row group: one partition, whatever the chunk size
        async Task<List<StreamFitProgress>> Run(int seed)
        {
            var progress = new Recorder();
            await StreamTrainer.RunAsync(new LocalExecutor(2), path, new SGDRegressor { RandomState = 0 },
                new StreamFitOptions { ChunkSize = 500, Epochs = 2, ShuffleChunks = true, RandomState = seed, Progress = progress });
            return progress.Chunks;
        }
        var a = await Run(7);
        Assert.Equal(12, a.Count);
        Assert.All(a, c => Assert.Equal(500, c.Rows));
        for (int e = 0; e < 2; e++)
            Assert.Equal(Enumerable.Range(0, 6).Select(k => 500L * k), a.Where(c => c.Epoch == e).Select(c => c.FirstRow).Order());
        Assert.NotEqual(a.Where(c => c.Epoch == 0).Select(c => c.FirstRow), a.Where(c => c.Epoch == 1).Select(c => c.FirstRow));
        Assert.Equal(a.Select(c => (c.FirstRow, c.Score)), (await Run(7)).Select(c => (c.FirstRow, c.Score)));
        Assert.NotEqual(a.Select(c => c.FirstRow), (await Run(8)).Select(c => c.FirstRow));
    }

    [Fact]
    public async Task A_transformer_is_not_scored_and_learns_what_a_whole_fit_does()
    {
        var path = Csv("reg.csv", 1_234);
        var progress = new Recorder();
        var result = await StreamTrainer.RunAsync(new LocalExecutor(2), path, new StandardScaler(), new StreamFitOptions { ChunkSize = 100, Target = null, Progress = progress });
        var whole = new StandardScaler().Fit(TableReader.Load(path, new TableOptions { Target = null }));
        var streamed = (StandardScalerModel)result.Model;
        Assert.Null(result.ScoreName);
        Assert.All(progress.Chunks, p => Assert.True(double.IsNaN(p.Score)));
        Assert.Equal(["x0", "x1", "x2", "target"], result.FeatureNames);
        for (int j = 0; j < 4; j++) Assert.Equal(whole.Mean[j], streamed.Mean[j], 10);
    }

    [Fact]
    public async Task The_model_and_scores_do_not_depend_on_the_parse_threads()
    {
        var path = Csv("threads.csv", 4_321);
        var runs = new List<(StreamFitResult Result, List<StreamFitProgress> Chunks)>();
        foreach (bool shuffle in new[] { false, true })
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var progress = new Recorder();
            var result = await StreamTrainer.RunAsync(new LocalExecutor(2), path, new SGDRegressor { RandomState = 0 },
                new StreamFitOptions { ChunkSize = 300, Epochs = 2, ParseThreads = threads, Progress = progress, ShuffleChunks = shuffle, RandomState = 4 });
            runs.Add((result, progress.Chunks));
        }
        var data = TableReader.Load(path);
        for (int k = 0; k < runs.Count; k++)
        {
            var (expected, result) = (runs[k < 3 ? 0 : 3], runs[k]);
            Assert.Equal(((IPredictor)expected.Result.Model).Predict(data), ((IPredictor)result.Result.Model).Predict(data));
            Assert.Equal(expected.Chunks.Select(c => (c.Epoch, c.FirstRow, c.Rows, c.Score)), result.Chunks.Select(c => (c.Epoch, c.FirstRow, c.Rows, c.Score)));
            Assert.Equal(expected.Result.EpochScores, result.Result.EpochScores);
        }
        Assert.NotEqual(runs[0].Chunks.Select(c => c.FirstRow), runs[3].Chunks.Select(c => c.FirstRow));
        Assert.Equal(4_321, runs[3].Chunks.Where(c => c.Epoch == 0).Sum(c => c.Rows));
        Assert.Equal(2 * 15, runs[0].Chunks.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_bad_cell_deep_in_the_file_names_its_row_and_column(int parseThreads)
    {
        var path = Csv("bad.csv", 5_000, cell: r => r == 4_321 ? "oops" : null);
        var progress = new Recorder();
        var e = await Assert.ThrowsAnyAsync<DataFormatException>(() => StreamTrainer.RunAsync(new LocalExecutor(2), path, new SGDRegressor(),
            new StreamFitOptions { ChunkSize = 500, ParseThreads = parseThreads, Progress = progress }));
        Assert.Equal(8, progress.Chunks.Count);   // the chunks before the bad one were learned, in order
        Assert.Equal(Enumerable.Range(0, 8).Select(k => k * 500L), progress.Chunks.Select(c => c.FirstRow));
        Assert.Contains("bad.csv", e.Message);
        Assert.Contains("oops", e.Message);
        Assert.Contains("x0", e.Message);
        Assert.Contains("4323", e.Message);   // line 4323: the header, then 4,321 rows before it
    }

    [Fact]
    public async Task A_corrupt_or_truncated_parquet_file_is_a_clear_error()
    {
        var parquet = _files.Path("data.parquet");
        using (var reader = TableReader.Open(Csv("data.csv", 3_000), TableOptions.AllColumns))
        using (var writer = TableWriter.Create(parquet))
            foreach (var chunk in reader.Chunks(1_000)) writer.Write(chunk);
        var good = await StreamTrainer.RunAsync(new LocalExecutor(1), parquet, new SGDRegressor { RandomState = 0 }, new StreamFitOptions { ChunkSize = 700 });
        Assert.Equal(3_000, good.RowsLearned);

        var bytes = File.ReadAllBytes(parquet);
        var truncated = _files.Path("truncated.parquet");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length * 2 / 3)]);
        var e = await Assert.ThrowsAnyAsync<DataFormatException>(() => StreamTrainer.RunAsync(new LocalExecutor(1), truncated, new SGDRegressor(), new StreamFitOptions()));
        Assert.Contains("truncated.parquet", e.Message);

        var corrupt = _files.Path("corrupt.parquet");
        var scrambled = (byte[])bytes.Clone();
        for (int i = 8; i < scrambled.Length / 2; i++) scrambled[i] ^= 0x5A;   // the column data, not the footer
        File.WriteAllBytes(corrupt, scrambled);
        e = await Assert.ThrowsAnyAsync<DataFormatException>(() => StreamTrainer.RunAsync(new LocalExecutor(1), corrupt, new SGDRegressor(), new StreamFitOptions()));
        Assert.Contains("corrupt.parquet", e.Message);
    }

    [Fact]
    public async Task Bad_estimators_targets_and_options_are_refused_by_name()
    {
        var path = Csv("reg.csv", 100);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => StreamTrainer.RunAsync(new LocalExecutor(1), path, new DecisionTreeRegressor()));
        Assert.Contains("DecisionTreeRegressor has no partial_fit", e.Message);
        Assert.Contains("SGDRegressor, SGDClassifier, GaussianNB, MiniBatchKMeans, StandardScaler, MinMaxScaler", e.Message);
        e = await Assert.ThrowsAsync<ArgumentException>(() => StreamTrainer.RunAsync(new LocalExecutor(1), path,
            new Pipeline(("scale", new StandardScaler()), ("tree", new DecisionTreeRegressor()))));
        Assert.Contains("step 'tree'", e.Message);
        e = await Assert.ThrowsAsync<ArgumentException>(() => StreamTrainer.RunAsync(new LocalExecutor(1), path, new SGDRegressor(), new StreamFitOptions { Target = "y" }));
        Assert.Contains("no column 'y'", e.Message);
        e = await Assert.ThrowsAsync<ArgumentException>(() => StreamTrainer.RunAsync(new LocalExecutor(1), path, new SGDRegressor(), new StreamFitOptions { Target = null }));
        Assert.Contains("learns from a target", e.Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => StreamTrainer.RunAsync(new LocalExecutor(1), path, new SGDRegressor(), new StreamFitOptions { ChunkSize = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => StreamTrainer.RunAsync(new LocalExecutor(1), path, new SGDRegressor(), new StreamFitOptions { Epochs = 0 }));
        var threads = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => StreamTrainer.RunAsync(new LocalExecutor(1), path, new SGDRegressor(), new StreamFitOptions { ParseThreads = 0 }));
        Assert.Contains("ParseThreads", threads.Message);
    }

    public void Dispose() => _files.Dispose();
}
