using Scalearn.Cli;
using Scalearn.Cli.Commands;

StartupProfile.Start(args);
return await CliRunner.RunAsync(CommandTree.Create(), args);
