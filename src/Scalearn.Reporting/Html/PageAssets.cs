using System.Reflection;

namespace Scalearn.Reporting.Html;

/// <summary>The page's embedded files: our stylesheet and script, and the vendored ECharts build with its license.</summary>
public static class PageAssets
{
    public const string EChartsVersion = "6.1.0";

    public static string Style => Read("Scalearn.Reporting.Page.report.css");
    public static string Script => Read("Scalearn.Reporting.Page.report.js");
    /// <summary>The chart builders (ScalearnCharts) shared by the report and the dashboard.</summary>
    public static string Charts => Read("Scalearn.Reporting.Page.charts.js");
    /// <summary>Sortable tables (ScalearnTables), shared by the report and the dashboard.</summary>
    public static string Tables => Read("Scalearn.Reporting.Page.tables.js");
    public static string ECharts => Read("Scalearn.Reporting.Vendor.echarts.min.js");
    public static string EChartsLicense => Read("Scalearn.Reporting.Vendor.echarts.LICENSE");

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
