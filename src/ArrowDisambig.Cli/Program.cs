using System.CommandLine;
using ArrowDisambig.Cli;

Environment.SetEnvironmentVariable("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
var root = new RootCommand("ArrowDisambig: turns Arrow author-name cluster pages into author identities.")
{
    Commands.Run(),
    Commands.Evaluate(),
    Commands.Train(),
    BenchCommand.Create(),
    ReviewCommand.Create(),
};
return root.Parse(args).Invoke();
