#pragma once

#include "cli/commandline.h"

#include <QTextStream>

namespace folio::cli {

enum ExitCode { Ok = 0, BadInput = 1, Usage = 2 };

struct Io {
    QTextStream& out;
    QTextStream& err;
};

// Runs a parsed command line; every message for the user is written to io.
int runCommand(const CommandLine& line, Io io);

} // namespace folio::cli
