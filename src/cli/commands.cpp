#include "cli/commands.h"

#include "cli/feedcommands.h"
#include "cli/json.h"
#include "cli/searchcommand.h"
#include "parse/frontmatter.h"
#include "parse/textdecoding.h"
#include "render/articlepage.h"
#include "storage/articlestore.h"
#include "storage/database.h"
#include "storage/feedstore.h"
#include "sync/markdownimporter.h"
#include "sync/samplelibrary.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QUrl>

namespace folio::cli {

namespace {

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 1000;

void printJson(QTextStream& out, const QJsonDocument& doc)
{
    out << doc.toJson(QJsonDocument::Indented);
}

QString day(const QDateTime& when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd"));
}

std::optional<qint64> positiveNumber(const QString& text)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    return ok && n > 0 ? std::optional<qint64>(n) : std::nullopt;
}

// The article as the reader's page holds it: sanitized HTML with math as spans for KaTeX. Local images keep
// their file URLs here (the reader serves them through its own scheme).
void printArticleHtml(const Article& article, bool bodyOnly, Io io)
{
    SanitizeOptions options;
    options.baseUrl = QUrl(article.url);
    options.mapImage = [](const QUrl& url) { return url.toString(QUrl::FullyEncoded); };
    const QString body = articleBodyHtml(article, options);
    io.out << (bodyOnly ? body + QLatin1Char('\n') : articlePageHtml(article, body, {}));
}

int importCommand(const CommandLine& line, Database& db, Io io)
{
    if (const auto fromFeed = importFeedFile(line.positional.front(), line, db, io))
        return *fromFeed;
    auto report = MarkdownImporter(db).importPath(line.positional.front());
    if (!report) {
        io.err << "folio-cli: " << report.error() << '\n';
        return BadInput;
    }
    for (const ImportIssue& issue : report->errors)
        io.err << issue.source << ": " << issue.message << '\n';
    for (const ImportIssue& issue : report->warnings)
        io.err << issue.source << ": warning: " << issue.message << '\n';
    if (line.json) {
        printJson(io.out, QJsonDocument(toJson(report.value())));
    } else {
        io.out << report->imported << " imported, " << report->updated << " updated, " << report->unchanged
               << " unchanged, " << report->skipped << " skipped, " << report->errors.size() << " failed\n";
    }
    return report->errors.isEmpty() ? Ok : BadInput;
}

int listCommand(const CommandLine& line, Database& db, Io io)
{
    ListingFilter filter;
    if (line.has(QStringLiteral("--tag")))
        filter.tag = line.option(QStringLiteral("--tag"));
    if (line.has(QStringLiteral("--feed"))) {
        auto id = positiveNumber(line.option(QStringLiteral("--feed")));
        if (!id) {
            io.err << "folio-cli: --feed takes a feed id (see folio-cli feeds)\n";
            return Usage;
        }
        filter.feed = *id;
    }
    filter.unreadOnly = line.has(QStringLiteral("--unread"));
    filter.starredOnly = line.has(QStringLiteral("--starred"));

    int page = 1, pageSize = kDefaultPageSize;
    if (line.has(QStringLiteral("--page"))) {
        auto n = positiveNumber(line.option(QStringLiteral("--page")));
        if (!n || *n > std::numeric_limits<int>::max()) {
            io.err << "folio-cli: --page takes a page number from 1\n";
            return Usage;
        }
        page = int(*n);
    }
    if (line.has(QStringLiteral("--page-size"))) {
        auto n = positiveNumber(line.option(QStringLiteral("--page-size")));
        if (!n || *n > kMaxPageSize) {
            io.err << "folio-cli: --page-size takes a number from 1 to " << kMaxPageSize << '\n';
            return Usage;
        }
        pageSize = int(*n);
    }

    auto listing = ArticleStore(db).listingPage(filter, page, pageSize);
    if (!listing) {
        io.err << "folio-cli: " << listing.error() << '\n';
        return BadInput;
    }
    if (line.json) {
        printJson(io.out, QJsonDocument(toJson(listing.value())));
        return Ok;
    }
    io.out << "Page " << listing->page << " of " << qMax(1, listing->pageCount) << " · " << listing->total
           << (listing->total == 1 ? " article\n" : " articles\n");
    for (const ArticleSummary& a : listing->articles) {
        io.out << '\n'
               << qSetFieldWidth(6) << a.id << qSetFieldWidth(0) << "  " << day(a.published) << "  "
               << (a.read ? "  " : "● ") << (a.starred ? "★ " : "") << a.title;
        if (!a.tags.isEmpty())
            io.out << "  [" << a.tags.join(QStringLiteral(", ")) << ']';
        io.out << '\n';
        if (!a.excerpt.isEmpty())
            io.out << "        " << a.excerpt << '\n';
    }
    return Ok;
}

int showCommand(const CommandLine& line, Database& db, Io io)
{
    auto id = positiveNumber(line.positional.front());
    if (!id) {
        io.err << "folio-cli: \"" << line.positional.front() << "\" is not an article id\n";
        return Usage;
    }
    auto article = ArticleStore(db).article(*id);
    if (!article) {
        io.err << "folio-cli: " << article.error() << '\n';
        return BadInput;
    }
    if (line.json) {
        printJson(io.out, QJsonDocument(toJson(article.value())));
        return Ok;
    }
    if (line.has(QStringLiteral("--html"))) {
        printArticleHtml(article.value(), line.has(QStringLiteral("--body-only")), io);
        return Ok;
    }
    const Article& a = article.value();
    io.out << a.title << '\n'
           << day(a.published) << (a.author.isEmpty() ? QString() : QStringLiteral(" · ") + a.author) << " · "
           << a.feedTitle << '\n';
    if (!a.tags.isEmpty())
        io.out << "Tags: " << a.tags.join(QStringLiteral(", ")) << '\n';
    if (!a.url.isEmpty())
        io.out << a.url << '\n';
    io.out << '\n' << a.content << '\n';
    return Ok;
}

int tagsCommand(const CommandLine& line, Database& db, Io io)
{
    auto tags = ArticleStore(db).tagCounts();
    if (!tags) {
        io.err << "folio-cli: " << tags.error() << '\n';
        return BadInput;
    }
    if (line.json) {
        printJson(io.out, QJsonDocument(toJson(tags.value())));
        return Ok;
    }
    for (const TagCount& t : tags.value())
        io.out << t.name << '\t' << t.count << '\n';
    return Ok;
}

int feedsCommand(const CommandLine& line, Database& db, Io io)
{
    auto feeds = FeedStore(db).feeds();
    if (!feeds) {
        io.err << "folio-cli: " << feeds.error() << '\n';
        return BadInput;
    }
    if (line.json) {
        printJson(io.out, QJsonDocument(toJson(feeds.value())));
        return Ok;
    }
    for (const Feed& f : feeds.value())
        io.out << f.id << '\t' << f.title << '\t' << f.unread << '/' << f.total << '\t' << f.url << '\n';
    return Ok;
}

int renderCommand(const CommandLine& line, Io io)
{
    const QString path = line.positional.front();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        io.err << "folio-cli: " << path << ": " << file.errorString() << '\n';
        return BadInput;
    }
    auto text = decodeText(file.readAll());
    if (!text) {
        io.err << "folio-cli: " << path << ": " << text.error() << '\n';
        return BadInput;
    }
    auto post = parseMarkdownPost(text->text, QFileInfo(path).fileName());
    if (!post) {
        io.err << "folio-cli: " << path << ": " << post.error() << '\n';
        return BadInput;
    }
    Article article;
    article.title = post->title;
    article.author = post->author;
    article.tags = post->tags;
    article.published = post->date.value_or(QDateTime());
    article.url = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString();
    article.content = post->body;
    printArticleHtml(article, line.has(QStringLiteral("--body-only")), io);
    return Ok;
}

} // namespace

int runCommand(const CommandLine& line, Io io)
{
    if (line.command == QLatin1String("render"))
        return renderCommand(line, io); // needs no library
    if (line.command == QLatin1String("parse"))
        return parseCommand(line, io);

    auto db = Database::open(Database::resolvePath(line.db));
    if (!db) {
        io.err << "folio-cli: " << db.error() << '\n';
        return BadInput;
    }
    if (!line.has(QStringLiteral("--no-samples"))) {
        if (auto seeded = SampleLibrary::seedIfEmpty(*db.value()); !seeded) {
            io.err << "folio-cli: " << seeded.error() << '\n';
            return BadInput;
        }
    }
    Database& library = *db.value();
    if (line.command == QLatin1String("import"))
        return importCommand(line, library, io);
    if (line.command == QLatin1String("list"))
        return listCommand(line, library, io);
    if (line.command == QLatin1String("show"))
        return showCommand(line, library, io);
    if (line.command == QLatin1String("tags"))
        return tagsCommand(line, library, io);
    if (line.command == QLatin1String("feeds"))
        return feedsCommand(line, library, io);
    if (line.command == QLatin1String("add"))
        return addCommand(line, library, io);
    if (line.command == QLatin1String("sync"))
        return syncCommand(line, library, io);
    if (line.command == QLatin1String("export-opml"))
        return exportOpmlCommand(line, library, io);
    if (line.command == QLatin1String("search"))
        return searchCommand(line, library, io);
    io.err << "folio-cli: unknown command " << line.command << '\n';
    return Usage;
}

} // namespace folio::cli
