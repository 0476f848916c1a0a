namespace Scalearn.Reporting.Tests;

/// <summary>The committed inputs (Fixtures/, made by make_fixtures.py) and scratch folders for outputs.</summary>
public static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>A fresh copy of a fixture folder, so a test can write its report beside the inputs.</summary>
    public static string Copy(string name)
    {
        var dir = TempDir();
        foreach (var file in Directory.GetFiles(Path(name))) File.Copy(file, System.IO.Path.Combine(dir, System.IO.Path.GetFileName(file)));
        return dir;
    }

    public static string TempDir()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scalearn-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
