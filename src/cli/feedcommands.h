#pragma once

#include "cli/commands.h"

namespace folio {
class Database;
}

namespace folio::cli {

// folio-cli add URL: subscribes to a feed (or the feed a site's page announces) and stores its first fetch.
int addCommand(const CommandLine& line, Database& db, Io io);
// folio-cli sync [--feed ID] [--no-images]: fetches every web feed now (conditional GET still applies).
int syncCommand(const CommandLine& line, Database& db, Io io);
// folio-cli import FILE.opml | FEED.xml: subscriptions from OPML (fetched at the next sync), or a saved feed.
// Returns nullopt when `path` is neither (a Markdown folder or file, which `import` handles itself).
std::optional<int> importFeedFile(const QString& path, const CommandLine& line, Database& db, Io io);
// folio-cli export-opml: the web feeds as OPML 2.0 on stdout.
int exportOpmlCommand(const CommandLine& line, Database& db, Io io);
// folio-cli parse FILE|URL: a feed (or OPML) as Folio reads it, without storing anything.
int parseCommand(const CommandLine& line, Io io);

} // namespace folio::cli
