// Each command registers its CLI11 sub-command and, when chosen, the function that runs it.
#pragma once

#include <functional>

#include "cli_context.h"

namespace CLI {
class App;
}

namespace s3c::cli {

using CommandFn = std::function<Status(CliContext&)>;

// Each Add*Command sets *chosen when its sub-command is parsed.
void AddLsCommand(CLI::App& app, CommandFn* chosen);
void AddStatCommand(CLI::App& app, CommandFn* chosen);
void AddCpCommand(CLI::App& app, CommandFn* chosen);
void AddRmCommand(CLI::App& app, CommandFn* chosen);
void AddCatCommand(CLI::App& app, CommandFn* chosen);
void AddMbCommand(CLI::App& app, CommandFn* chosen);
void AddReadCommand(CLI::App& app, CommandFn* chosen);
void AddSchemaCommand(CLI::App& app, CommandFn* chosen);
void AddConvertCommand(CLI::App& app, CommandFn* chosen);
void AddValidateCommand(CLI::App& app, CommandFn* chosen);
void AddRunCommand(CLI::App& app, CommandFn* chosen);
void AddStateCommand(CLI::App& app, CommandFn* chosen);
void AddPlanCommand(CLI::App& app, CommandFn* chosen);

}  // namespace s3c::cli
