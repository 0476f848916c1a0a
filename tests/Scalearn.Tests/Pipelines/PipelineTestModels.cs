using Scalearn.Persistence;

namespace Scalearn.Tests.Pipelines;

/// <summary>Puts the test-only step models on the model-format allow-list so pipeline payloads containing them can be read.</summary>
internal static class PipelineTestModels
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        ModelFormats.Register<CentroidTestModel>();
        ModelFormats.Register<MeanTestRegressorModel>();
        return true;
    });

    public static void EnsureRegistered() => _ = Registered.Value;
}
