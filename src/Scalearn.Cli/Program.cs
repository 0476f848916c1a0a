using Scalearn.Cli;
using Scalearn.Cli.Commands;

return await CliRunner.RunAsync(CommandTree.Create(), args);
