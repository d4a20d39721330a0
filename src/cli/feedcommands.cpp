#include "cli/feedcommands.h"

#include "cli/json.h"
#include "parse/feedparser.h"
#include "storage/database.h"
#include "storage/feedstore.h"
#include "sync/feedpreparation.h"
#include "sync/feedsync.h"
#include "sync/httpfetcher.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace folio::cli {

namespace {

void printJson(QTextStream& out, const QJsonValue& value)
{
    out << (value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject()))
               .toJson(QJsonDocument::Indented);
}

// Runs `start` and returns once the sync has finished, with its summary.
template <typename Start> SyncSummary runToEnd(FeedSync& sync, Start start)
{
    QEventLoop loop;
    SyncSummary summary;
    QObject::connect(&sync, &FeedSync::finished, &loop, [&](const SyncSummary& s) {
        summary = s;
        loop.quit();
    });
    start();
    loop.exec();
    return summary;
}

SyncOptions optionsFrom(const CommandLine& line)
{
    SyncOptions options;
    options.cacheImages = !line.has(QStringLiteral("--no-images"));
    return options;
}

QJsonObject toJson(const SyncSummary& summary)
{
    int inserted = 0, updated = 0, unchanged = 0;
    QJsonArray errors, feeds;
    for (const FeedSyncResult& r : summary.feeds) {
        inserted += r.inserted;
        updated += r.updated;
        unchanged += r.unchanged;
        if (!r.error.isEmpty())
            errors.append(QJsonObject{{QStringLiteral("source"), r.url}, {QStringLiteral("error"), r.error}});
        feeds.append(QJsonObject{{QStringLiteral("id"), r.feed},
                                 {QStringLiteral("title"), r.title},
                                 {QStringLiteral("url"), r.url},
                                 {QStringLiteral("imported"), r.inserted},
                                 {QStringLiteral("updated"), r.updated},
                                 {QStringLiteral("unchanged"), r.unchanged},
                                 {QStringLiteral("not_modified"), r.notModified},
                                 {QStringLiteral("error"), r.error.isEmpty() ? QJsonValue() : QJsonValue(r.error)},
                                 {QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings)}});
    }
    return {{QStringLiteral("imported"), inserted},
            {QStringLiteral("updated"), updated},
            {QStringLiteral("unchanged"), unchanged},
            {QStringLiteral("errors"), errors},
            {QStringLiteral("feeds"), feeds},
            {QStringLiteral("images_cached"), summary.imagesCached},
            {QStringLiteral("images_failed"), summary.imagesFailed}};
}

void printSummary(const SyncSummary& summary, Io io)
{
    for (const FeedSyncResult& r : summary.feeds) {
        const QString name = r.title.isEmpty() ? r.url : r.title;
        if (!r.error.isEmpty())
            io.err << name << ": " << r.error << '\n';
        else if (r.notModified)
            io.out << name << ": not modified\n";
        else
            io.out << name << ": " << r.inserted << " new, " << r.updated << " updated\n";
        for (const QString& w : r.warnings)
            io.err << name << ": warning: " << w << '\n';
    }
    io.out << summary.newArticles() << " new articles from " << summary.feeds.size() << " feeds";
    if (summary.imagesCached + summary.imagesFailed > 0)
        io.out << ", " << summary.imagesCached << " images cached (" << summary.imagesFailed << " failed)";
    io.out << '\n';
}

QString formatName(FeedFormat format)
{
    switch (format) {
    case FeedFormat::Rss:
    case FeedFormat::Rdf:
        return QStringLiteral("rss");
    case FeedFormat::Atom:
        return QStringLiteral("atom");
    case FeedFormat::JsonFeed:
        return QStringLiteral("jsonfeed");
    }
    return QStringLiteral("rss");
}

bool isOpml(const QByteArray& bytes)
{
    return bytes.left(4096).contains("<opml");
}

Result<QByteArray> readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: %2").arg(path, file.errorString()));
    return file.read(64 * 1024 * 1024);
}

Result<QByteArray> fetchUrl(const QUrl& url, QByteArray* charset, QUrl* finalUrl)
{
    HttpFetcher fetcher;
    QEventLoop loop;
    HttpResponse response;
    HttpRequest request;
    request.url = url;
    fetcher.get(request, [&](const HttpResponse& r) {
        response = r;
        loop.quit();
    });
    loop.exec();
    if (!response.ok())
        return fail(QStringLiteral("%1: %2").arg(url.toDisplayString(), response.error));
    *charset = response.charset;
    *finalUrl = response.finalUrl;
    return response.body;
}

int printOpml(const QList<OpmlOutline>& outlines, bool json, Io io)
{
    if (json) {
        QJsonArray items;
        for (const OpmlOutline& o : outlines)
            items.append(QJsonObject{{QStringLiteral("title"), o.title},
                                     {QStringLiteral("url"), o.feedUrl.toString()},
                                     {QStringLiteral("site"), o.siteUrl.toString()},
                                     {QStringLiteral("folders"), QJsonArray::fromStringList(o.folders)}});
        printJson(io.out,
                  QJsonObject{{QStringLiteral("format"), QStringLiteral("opml")}, {QStringLiteral("items"), items}});
        return Ok;
    }
    for (const OpmlOutline& o : outlines)
        io.out << o.title << '\t' << o.feedUrl.toString() << '\n';
    return Ok;
}

} // namespace

int addCommand(const CommandLine& line, Database& db, Io io)
{
    const QUrl url = QUrl::fromUserInput(line.positional.front());
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        io.err << "folio-cli: not a web address: " << line.positional.front() << '\n';
        return BadInput;
    }
    FeedSync sync(db.path(), optionsFrom(line));
    FeedId added = 0;
    QString title, error;
    QObject::connect(&sync, &FeedSync::feedAdded, &sync, [&](qint64 id, const QString& t) {
        added = id;
        title = t;
    });
    QObject::connect(&sync, &FeedSync::addFailed, &sync, [&](const QString&, const QString& e) { error = e; });
    const SyncSummary summary = runToEnd(sync, [&] { sync.addFeed(url); });
    if (added == 0) {
        io.err << "folio-cli: " << url.toDisplayString() << ": " << error << '\n';
        return BadInput;
    }
    auto feed = FeedStore(db).feed(added);
    if (!feed) {
        io.err << "folio-cli: " << feed.error() << '\n';
        return BadInput;
    }
    if (line.json) {
        printJson(io.out, QJsonObject{{QStringLiteral("id"), feed->id},
                                      {QStringLiteral("title"), feed->title},
                                      {QStringLiteral("url"), feed->url},
                                      {QStringLiteral("site"), feed->siteUrl},
                                      {QStringLiteral("total"), feed->total},
                                      {QStringLiteral("images_cached"), summary.imagesCached}});
    } else {
        io.out << "Feed " << feed->id << ": " << feed->title << " (" << feed->url << "), " << feed->total
               << (feed->total == 1 ? " article\n" : " articles\n");
    }
    return Ok;
}

int syncCommand(const CommandLine& line, Database& db, Io io)
{
    QList<FeedId> ids;
    if (line.has(QStringLiteral("--feed"))) {
        bool ok = false;
        const FeedId id = line.option(QStringLiteral("--feed")).toLongLong(&ok);
        if (!ok || !FeedStore(db).feed(id)) {
            io.err << "folio-cli: --feed takes a feed id (see folio-cli feeds)\n";
            return Usage;
        }
        ids.append(id);
    }
    FeedSync sync(db.path(), optionsFrom(line));
    const SyncSummary summary = runToEnd(sync, [&] {
        if (ids.isEmpty())
            sync.syncAll();
        else
            sync.syncFeeds(ids);
    });
    if (line.json)
        printJson(io.out, toJson(summary));
    else
        printSummary(summary, io);
    return summary.errors() == 0 ? Ok : BadInput;
}

std::optional<int> importFeedFile(const QString& path, const CommandLine& line, Database& db, Io io)
{
    if (QFileInfo(path).isDir())
        return std::nullopt;
    auto bytes = readFile(path);
    if (!bytes)
        return std::nullopt; // the Markdown import reports it
    if (isOpml(bytes.value())) {
        auto outlines = parseOpml(bytes.value());
        if (!outlines) {
            io.err << "folio-cli: " << path << ": " << outlines.error() << '\n';
            return BadInput;
        }
        int added = 0, known = 0;
        FeedStore feeds(db);
        for (const OpmlOutline& o : outlines.value()) {
            const QString url = o.feedUrl.toString(QUrl::FullyEncoded);
            if (auto existing = feeds.feedByUrl(url); existing && existing->has_value()) {
                ++known;
                continue;
            }
            if (auto id = feeds.ensure(FeedKind::Web, url, o.title); !id) {
                io.err << "folio-cli: " << id.error() << '\n';
                return BadInput;
            }
            ++added;
        }
        if (line.json)
            printJson(io.out, QJsonObject{{QStringLiteral("feeds_added"), added},
                                          {QStringLiteral("feeds_known"), known},
                                          {QStringLiteral("errors"), QJsonArray()}});
        else
            io.out << added << " feeds added, " << known << " already there; `folio-cli sync` fetches them\n";
        return Ok;
    }
    if (!looksLikeFeed(bytes.value()))
        return std::nullopt;

    // A saved feed: stored under the address it names for itself, so a later sync keeps it current.
    auto parsed = parseFeed(bytes.value(), QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()));
    if (!parsed) {
        io.err << "folio-cli: " << path << ": " << parsed.error() << '\n';
        return BadInput;
    }
    const QUrl url = parsed->selfUrl.isValid() && !parsed->selfUrl.isEmpty()
                         ? parsed->selfUrl
                         : QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    FeedSync sync(db.path(), optionsFrom(line));
    FeedId added = 0;
    QString error;
    QObject::connect(&sync, &FeedSync::feedAdded, &sync, [&](qint64 id, const QString&) { added = id; });
    QObject::connect(&sync, &FeedSync::addFailed, &sync, [&](const QString&, const QString& e) { error = e; });
    runToEnd(sync, [&] { sync.importFeedFile(bytes.value(), url); });
    if (added == 0) {
        io.err << "folio-cli: " << path << ": " << error << '\n';
        return BadInput;
    }
    const auto feed = FeedStore(db).feed(added);
    if (line.json)
        printJson(io.out, QJsonObject{{QStringLiteral("imported"), feed ? feed->total : 0},
                                      {QStringLiteral("feed"), added},
                                      {QStringLiteral("errors"), QJsonArray()}});
    else
        io.out << (feed ? feed->total : 0) << " articles in feed " << added << '\n';
    return Ok;
}

int exportOpmlCommand(const CommandLine&, Database& db, Io io)
{
    auto feeds = FeedStore(db).feeds();
    if (!feeds) {
        io.err << "folio-cli: " << feeds.error() << '\n';
        return BadInput;
    }
    QList<OpmlOutline> outlines;
    for (const Feed& f : feeds.value()) {
        if (f.kind != FeedKind::Web)
            continue;
        outlines.append({f.title, QUrl(f.url), QUrl(f.siteUrl), {}});
    }
    io.out << QString::fromUtf8(writeOpml(outlines, QStringLiteral("Folio subscriptions")));
    return Ok;
}

int parseCommand(const CommandLine& line, Io io)
{
    const QString source = line.positional.front();
    QByteArray bytes, charset;
    QUrl base;
    if (source.startsWith(QLatin1String("http://")) || source.startsWith(QLatin1String("https://"))) {
        auto fetched = fetchUrl(QUrl(source), &charset, &base);
        if (!fetched) {
            io.err << "folio-cli: " << fetched.error() << '\n';
            return BadInput;
        }
        bytes = fetched.value();
    } else {
        auto read = readFile(source);
        if (!read) {
            io.err << "folio-cli: " << read.error() << '\n';
            return BadInput;
        }
        bytes = read.value();
        base = QUrl::fromLocalFile(QFileInfo(source).absoluteFilePath());
    }
    if (isOpml(bytes)) {
        auto outlines = parseOpml(bytes);
        if (!outlines) {
            io.err << "folio-cli: " << source << ": " << outlines.error() << '\n';
            return BadInput;
        }
        return printOpml(outlines.value(), line.json, io);
    }
    auto feed = parseFeed(bytes, base, charset);
    if (!feed) {
        io.err << "folio-cli: " << source << ": " << feed.error() << '\n';
        return BadInput;
    }
    for (const QString& w : feed->warnings)
        io.err << source << ": warning: " << w << '\n';
    if (!line.json) {
        io.out << feed->title << " (" << formatName(feed->format) << ", " << feed->items.size() << " items)\n";
        for (const FeedItem& item : feed->items)
            io.out << rfc3339(item.article.published).toString() << "  " << item.article.title << "  "
                   << item.article.url << '\n';
        return Ok;
    }
    QJsonArray items;
    for (const FeedItem& item : feed->items) {
        const FetchedArticle prepared = prepareArticle(item);
        const Article& a = prepared.article;
        items.append(QJsonObject{
            {QStringLiteral("id"), a.guid},
            {QStringLiteral("title"), a.title},
            {QStringLiteral("link"), a.url},
            {QStringLiteral("author"), a.author},
            {QStringLiteral("published"), rfc3339(a.published)},
            {QStringLiteral("updated"), rfc3339(a.updated)},
            {QStringLiteral("date_estimated"), a.dateEstimated},
            {QStringLiteral("tags"), QJsonArray::fromStringList(a.tags)},
            {QStringLiteral("content_format"), contentFormatName(a.contentFormat)},
            {QStringLiteral("summary"), a.summary},
            {QStringLiteral("content"), a.content},
            {QStringLiteral("images"), QJsonArray::fromStringList(prepared.images)},
        });
    }
    printJson(io.out, QJsonObject{{QStringLiteral("format"), formatName(feed->format)},
                                  {QStringLiteral("title"), feed->title},
                                  {QStringLiteral("link"), feed->siteUrl.toString()},
                                  {QStringLiteral("encoding"), feed->encoding},
                                  {QStringLiteral("warnings"), QJsonArray::fromStringList(feed->warnings)},
                                  {QStringLiteral("items"), items}});
    return Ok;
}

} // namespace folio::cli
