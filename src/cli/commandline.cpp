#include "cli/commandline.h"

namespace folio::cli {

const QList<CommandSpec>& commandSpecs()
{
    static const QList<CommandSpec> specs = {
        {QStringLiteral("import"),
         {},
         {QStringLiteral("--no-images")},
         1,
         1,
         QStringLiteral("import PATH            a Markdown folder or file, an OPML list or a saved feed")},
        {QStringLiteral("add"),
         {},
         {QStringLiteral("--no-images")},
         1,
         1,
         QStringLiteral("add URL                subscribe to a feed, or to the feed a site's page names")},
        {QStringLiteral("sync"),
         {QStringLiteral("--feed")},
         {QStringLiteral("--no-images")},
         0,
         0,
         QStringLiteral("sync [--feed ID] [--no-images]  fetch web feeds now (and cache their images)")},
        {QStringLiteral("export-opml"), {}, {}, 0, 0, QStringLiteral("export-opml            web feeds as OPML")},
        {QStringLiteral("parse"), {}, {}, 1, 1, QStringLiteral("parse FILE|URL         a feed as Folio reads it")},
        {QStringLiteral("list"),
         {QStringLiteral("--tag"), QStringLiteral("--feed"), QStringLiteral("--page"), QStringLiteral("--page-size")},
         {QStringLiteral("--unread"), QStringLiteral("--starred")},
         0,
         0,
         QStringLiteral("list [--tag T] [--feed ID] [--unread] [--starred] [--page N] [--page-size K]")},
        {QStringLiteral("show"),
         {},
         {QStringLiteral("--html"), QStringLiteral("--body-only")},
         1,
         1,
         QStringLiteral("show ID [--html [--body-only]]  one article (--html: as the reader shows it)")},
        {QStringLiteral("tags"), {}, {}, 0, 0, QStringLiteral("tags                   tags with article counts")},
        {QStringLiteral("feeds"), {}, {}, 0, 0, QStringLiteral("feeds                  sources with counts")},
        {QStringLiteral("search"),
         {QStringLiteral("--sort"), QStringLiteral("--page"), QStringLiteral("--page-size")},
         {},
         1,
         64,
         QStringLiteral("search QUERY [--sort rank|date] [--page N] [--page-size K]  full-text search "
                        "(words, \"phrases\", -word, tag:T, feed:F, is:unread, is:starred)")},
        {QStringLiteral("render"),
         {},
         {QStringLiteral("--body-only")},
         1,
         1,
         QStringLiteral("render FILE.md [--body-only]  the article page of a Markdown file")},
    };
    return specs;
}

QString usageText()
{
    QString text = QStringLiteral("Usage: folio-cli [--db PATH] [--json] COMMAND [OPTIONS]\n"
                                  "Folio's library from the command line: import, list, show and render articles.\n\n"
                                  "Commands:\n");
    for (const CommandSpec& spec : commandSpecs())
        text += QStringLiteral("  ") + spec.usage + QLatin1Char('\n');
    text +=
        QStringLiteral("\nOptions:\n"
                       "  --db PATH     the library file (default: $FOLIO_DB, else ~/.local/share/folio/library.db)\n"
                       "  --json        machine-readable output (UTF-8, dates in RFC 3339 UTC)\n"
                       "  --no-samples  do not put the bundled sample articles into a new, empty library\n"
                       "  --help        this text\n"
                       "  --version     the version\n\n"
                       "Exit codes: 0 ok, 1 bad input (message on stderr), 2 usage.\n");
    return text;
}

std::optional<CommandLine> parseCommandLine(const QStringList& args, QString* error)
{
    CommandLine line;
    const CommandSpec* spec = nullptr;
    for (int i = 0; i < args.size(); ++i) {
        QString arg = args.at(i);
        QString inlineValue;
        bool hasInlineValue = false;
        if (arg.startsWith(QLatin1String("--")) && arg.contains(QLatin1Char('='))) {
            inlineValue = arg.section(QLatin1Char('='), 1);
            arg = arg.section(QLatin1Char('='), 0, 0);
            hasInlineValue = true;
        }
        const auto takeValue = [&](QString* out) {
            if (hasInlineValue) {
                *out = inlineValue;
                return true;
            }
            if (i + 1 >= args.size()) {
                *error = QStringLiteral("%1 needs a value").arg(arg);
                return false;
            }
            *out = args.at(++i);
            return true;
        };

        if (arg == QLatin1String("--db")) {
            if (!takeValue(&line.db))
                return std::nullopt;
        } else if (arg == QLatin1String("--json")) {
            line.json = true;
        } else if (arg == QLatin1String("--no-samples")) {
            line.options.insert(arg, QString());
        } else if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            line.help = true;
        } else if (arg == QLatin1String("--version")) {
            line.version = true;
        } else if (spec && spec->name == QLatin1String("search") && arg.startsWith(QLatin1Char('-')) &&
                   !arg.startsWith(QLatin1String("--"))) {
            line.positional << arg; // an excluded word: search RoPE -bert
        } else if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            if (!spec) {
                *error = QStringLiteral("unknown option %1").arg(arg);
                return std::nullopt;
            }
            if (spec->valueOptions.contains(arg)) {
                QString value;
                if (!takeValue(&value))
                    return std::nullopt;
                line.options.insert(arg, value);
            } else if (spec->flags.contains(arg) && !hasInlineValue) {
                line.options.insert(arg, QString());
            } else {
                *error = QStringLiteral("%1 does not take %2").arg(spec->name, arg);
                return std::nullopt;
            }
        } else if (!spec) {
            for (const CommandSpec& s : commandSpecs()) {
                if (s.name == arg)
                    spec = &s;
            }
            if (!spec) {
                *error = QStringLiteral("unknown command \"%1\"").arg(arg);
                return std::nullopt;
            }
            line.command = arg;
        } else {
            line.positional << arg;
        }
    }
    if (line.help || line.version)
        return line;
    if (!spec) {
        *error = QStringLiteral("no command given");
        return std::nullopt;
    }
    if (line.positional.size() < spec->minPositional || line.positional.size() > spec->maxPositional) {
        *error = QStringLiteral("usage: folio-cli %1").arg(spec->usage.section(QLatin1String("  "), 0, 0));
        return std::nullopt;
    }
    return line;
}

} // namespace folio::cli
