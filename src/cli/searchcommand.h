#pragma once

#include "cli/commands.h"

namespace folio {
class Database;
}

namespace folio::cli {

// folio-cli search QUERY… [--sort rank|date] [--page N] [--page-size K] [--json]
// The words of QUERY may come as one argument or several. In snippets and titles, matches are marked «…» in text
// output; in JSON the markers are U+0002 and U+0003 (see domain/search.h).
int searchCommand(const CommandLine& line, Database& db, Io io);

} // namespace folio::cli
