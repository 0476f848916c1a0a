using System.Text.RegularExpressions;

namespace Scalearn.Cli.Tests.Packaging;

/// <summary>
/// The packages work outside the repository: packs Scalearn, Scalearn.Cluster and the Scalearn.Cli tool (from the
/// build the suite just made) into a temporary feed, creates a fresh console project elsewhere that references
/// Scalearn from that feed, pastes the README's C# quick start and runs it; installs the tool and runs 'scalearn'.
/// Only the NuGet sources already configured (the mirror) and the local feed are used; packages restore into a
/// private folder so a stale cached copy of the same version can never be picked up.
/// </summary>
public class PackageInstallTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(4);

    [Fact]
    public void Readme_quick_start_runs_in_a_fresh_project_and_the_tool_installs()
    {
        var repository = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("scalearn-packaging-").FullName;
        try
        {
            string feed = Path.Combine(work, "feed"), app = Path.Combine(work, "app"), tools = Path.Combine(work, "tools");
            string version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000):D3}";
            var environment = new Dictionary<string, string>
            {
                ["NUGET_PACKAGES"] = Path.Combine(work, "packages"),
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            };

            foreach (var project in new[] { "src/Scalearn/Scalearn.csproj", "src/Scalearn.Cluster/Scalearn.Cluster.csproj", "src/Scalearn.Cli/Scalearn.Cli.csproj" })
                Dotnet($"pack \"{Path.Combine(repository, project)}\" -c {Configuration} --no-build --nologo -o \"{feed}\" -p:PackageVersion={version}", repository, environment);
            foreach (var id in new[] { "Scalearn", "Scalearn.Cluster", "Scalearn.Cli" })
                Assert.True(File.Exists(Path.Combine(feed, $"{id}.{version}.nupkg")), $"{id} was not packed");

            Directory.CreateDirectory(app);
            Dotnet("new console --force --name QuickStart --output .", app, environment);
            File.WriteAllText(Path.Combine(app, "nuget.config"), NuGetConfig(feed));
            var csproj = Path.Combine(app, "QuickStart.csproj");
            File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("</Project>",
                $"""  <ItemGroup><PackageReference Include="Scalearn" Version="{version}" /></ItemGroup>{Environment.NewLine}</Project>"""));
            File.WriteAllText(Path.Combine(app, "Program.cs"), QuickStart(repository));
            var run = Dotnet("run -c Release", app, environment);
            Assert.Contains("cv accuracy 0.9", run);
            Assert.Matches(@"\s+accuracy\s+0\.9\d\s+450", run);
            Assert.Contains("weighted avg", run);

            Dotnet($"tool install Scalearn.Cli --version {version} --tool-path \"{tools}\" --add-source \"{feed}\"", work, environment);
            var (exit, listing) = DotnetProcess.Run(Path.Combine(tools, OperatingSystem.IsWindows() ? "scalearn.exe" : "scalearn"), "datasets",
                work, environment, StepLimit);
            Assert.True(exit == 0, listing);
            Assert.Contains("digits", listing);
            Assert.Contains("1797", listing);

            // The streaming commands take a built-in dataset's name away from the repository's data folder too.
            string scalearn = Path.Combine(tools, OperatingSystem.IsWindows() ? "scalearn.exe" : "scalearn");
            var (fitExit, fitOutput) = DotnetProcess.Run(scalearn, "fit-stream --data wine --estimator StandardScaler,GaussianNB --chunk-size 50 --out wine.scalearn",
                work, environment, StepLimit);
            Assert.True(fitExit == 0, fitOutput);
            var (predictExit, predictOutput) = DotnetProcess.Run(scalearn, "predict --model wine.scalearn --data wine --keep target --out wine.csv", work, environment, StepLimit);
            Assert.True(predictExit == 0, predictOutput);
            var predictions = File.ReadAllLines(Path.Combine(work, "wine.csv"));
            Assert.Equal("target,prediction", predictions[0]);
            Assert.Equal(179, predictions.Length);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The first C# block of the README's quick start, exactly as a reader would paste it.</summary>
    private static string QuickStart(string repository)
    {
        var readme = File.ReadAllText(Path.Combine(repository, "README.md"));
        var section = readme[readme.IndexOf("## Quick start in C#", StringComparison.Ordinal)..];
        var block = Regex.Match(section, "```csharp\\r?\\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "README has no C# quick start block");
        return block.Groups[1].Value;
    }

    /// <summary>The local feed on top of the configured sources, and the machine's package folder as an offline source.</summary>
    private static string NuGetConfig(string feed)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cacheSource = Directory.Exists(cache) ? $"""    <add key="machine-cache" value="{cache}" />{Environment.NewLine}""" : "";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="scalearn-test-feed" value="{feed}" />
            {cacheSource}  </packageSources>
            </configuration>
            """;
    }

    private static string Dotnet(string arguments, string directory, IReadOnlyDictionary<string, string> environment)
    {
        var (exit, output) = DotnetProcess.Run("dotnet", arguments, directory, environment, StepLimit);
        Assert.True(exit == 0, $"dotnet {arguments} failed ({exit}):\n{output}");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Scalearn.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Scalearn.slnx above {AppContext.BaseDirectory}.");
    }
}
