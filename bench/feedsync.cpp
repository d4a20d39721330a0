// folio-bench-sync [--items N] [--format rss|atom] [--runs R] [--feeds F]
// Serves a generated feed of N items (and F small feeds) from a child process on 127.0.0.1, then times a cold
// sync into an empty library (fetched, parsed, sanitized, stored and indexed for search, images off; also timed
// until the feed is reported synced, its articles stored and readable but not yet searchable) and a warm
// re-sync (conditional GET → 304), and a 304 re-sync of F feeds at once. Reports this process's peak memory:
// run once per size to see whether it grows with the feed.
#include "sync/feedsync.h"
#include "benchcommon.h"
#include "parse/feedparser.h"
#include "storage/database.h"
#include "storage/feedstore.h"
#include "storage/searchindex.h"
#include "storage/syncstore.h"
#include "support/httpserver.h"
#include "sync/feedpreparation.h"
#include "vocabulary.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QSocketNotifier>
#include <QTemporaryDir>

#include <cstdio>
#include <unistd.h>

using namespace folio;
using namespace folio::bench;

namespace {

std::string escapeHtml(const std::string& text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// An article of about 2.5 KB of HTML: paragraphs of Chinese and English prose with TeX, a heading, a list.
std::string itemHtml(SplitMix64& rng)
{
    std::string html;
    while (html.size() < 2400) {
        if (rng.chance(0.15))
            html += "<h2>" + escapeHtml(rng.pick(headings())) + "</h2>";
        std::string para;
        for (int i = rng.between(2, 4); i > 0; --i)
            para += sentence(rng);
        html += "<p>" + escapeHtml(para) + "</p>";
        if (rng.chance(0.1))
            html += "<ul><li>" + escapeHtml(sentence(rng)) + "</li><li>" + escapeHtml(sentence(rng)) + "</li></ul>";
    }
    return html;
}

QByteArray feedDocument(int items, bool atom, const std::string& name, std::uint64_t seed)
{
    SplitMix64 rng(seed);
    std::string doc = atom ? "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                             "<title>" +
                                 name + "</title><link href=\"http://127.0.0.1/\"/><id>urn:bench:" + name +
                                 "</id><updated>2026-11-29T10:00:00Z</updated>\n"
                           : "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" "
                             "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>" +
                                 name + "</title><link>http://127.0.0.1/</link><ttl>60</ttl>\n";
    for (int i = 0; i < items; ++i) {
        const int day = 1 + i % 28, month = 1 + (i / 28) % 12, minute = i % 60;
        char date[64];
        const std::string title = escapeHtml(rng.pick(headings())) + " #" + std::to_string(i);
        const std::string tag1 = escapeHtml(tagVocabulary()[rng.below(tagVocabulary().size())]);
        const std::string tag2 = escapeHtml(tagVocabulary()[rng.below(tagVocabulary().size())]);
        const std::string body = itemHtml(rng);
        if (atom) {
            std::snprintf(date, sizeof date, "2026-%02d-%02dT08:%02d:00Z", month, day, minute);
            doc += "<entry><id>urn:bench:" + name + ":" + std::to_string(i) + "</id><title>" + title +
                   "</title><link href=\"http://127.0.0.1/posts/" + std::to_string(i) + "\"/><updated>" + date +
                   "</updated><category term=\"" + tag1 + "\"/><category term=\"" + tag2 +
                   "\"/><content type=\"html\">" + escapeHtml(body) + "</content></entry>\n";
        } else {
            static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
            std::snprintf(date, sizeof date, "%02d %s 2026 08:%02d:00 +0800", day, months[month - 1], minute);
            doc += "<item><guid>" + name + "-" + std::to_string(i) + "</guid><title>" + title +
                   "</title><link>http://127.0.0.1/posts/" + std::to_string(i) + "</link><pubDate>" + date +
                   "</pubDate><category>" + tag1 + "</category><category>" + tag2 +
                   "</category><content:encoded><![CDATA[" + body + "]]></content:encoded></item>\n";
        }
    }
    doc += atom ? "</feed>\n" : "</channel></rss>\n";
    return QByteArray::fromStdString(doc);
}

// Child: serves /big.xml (N items) and /small-<i>.xml (20 items each) with an ETag until stdin closes.
int serve(int items, bool atom, int smallFeeds)
{
    test::HttpServer server;
    const auto withEtag = [](QByteArray body) {
        return [body](const test::SeenRequest& r) {
            if (r.header("if-none-match") == "\"v1\"")
                return test::Answer::code(304).with("ETag", "\"v1\"");
            return test::Answer::ok(body, "application/xml; charset=utf-8").with("ETag", "\"v1\"");
        };
    };
    server.route("/big.xml", withEtag(feedDocument(items, atom, "big", 1)));
    for (int i = 0; i < smallFeeds; ++i)
        server.route("/small-" + QByteArray::number(i) + ".xml",
                     withEtag(feedDocument(20, atom, "small" + std::to_string(i), 100 + std::uint64_t(i))));
    std::printf("PORT %d\n", server.port());
    std::fflush(stdout);
    QSocketNotifier stdinClosed(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinClosed, &QSocketNotifier::activated, qApp, [] { QCoreApplication::quit(); });
    return QCoreApplication::exec();
}

// `readable`, when given, gets the time from `since` to the last FeedSync::feedSynced: the articles are stored and
// readable then; finished comes once they are searchable too.
SyncSummary runSync(FeedSync& sync, const QList<FeedId>& feeds, const QElapsedTimer* since = nullptr,
                    double* readable = nullptr)
{
    QEventLoop loop;
    SyncSummary summary;
    QObject::connect(&sync, &FeedSync::feedSynced, &loop, [&](const FeedSyncResult&) {
        if (since && readable)
            *readable = double(since->nsecsElapsed()) / 1e9;
    });
    QObject::connect(&sync, &FeedSync::finished, &loop, [&](const SyncSummary& s) {
        summary = s;
        loop.quit();
    });
    sync.syncFeeds(feeds);
    loop.exec();
    return summary;
}

// Where a cold sync's time goes, without the network: parse, prepare (sanitize, summaries, images), store, index.
// Each phase in wall seconds and in CPU seconds of the whole process (prepare and index use the worker pool): the
// CPU figures hold up when other jobs share the machine.
void phases(int items, bool atom)
{
    const QByteArray doc = feedDocument(items, atom, "phases", 7);
    QElapsedTimer t;
    double cpuAt = 0;
    std::string report;
    const auto start = [&] {
        t.restart();
        cpuAt = cpuSeconds();
    };
    const auto finish = [&](const char* phase) {
        char line[96];
        std::snprintf(line, sizeof line, " %s_s=%.3f %s_cpu_s=%.3f", phase, double(t.nsecsElapsed()) / 1e9, phase,
                      cpuSeconds() - cpuAt);
        report += line;
    };
    const double before = peakRssMb();
    start();
    auto parsed = parseFeed(doc, QUrl(QStringLiteral("http://127.0.0.1/big.xml")));
    finish("parse");
    const double afterParse = peakRssMb();
    start();
    FetchedFeed fetched;
    fetched.articles = prepareArticles(parsed->items);
    finish("prepare");
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("phases.db")));
    const FeedId feed =
        FeedStore(*db.value()).ensure(FeedKind::Web, QStringLiteral("http://x/"), QStringLiteral("x")).value();
    start();
    const auto stored = SyncStore(*db.value()).storeFetch(feed, fetched);
    finish("store");
    start();
    const auto indexed = searchindex::indexAllPending(db.value()->connection(), 500);
    finish("index");
    std::printf("RESULT phases items=%d bytes=%lld%s stored=%d indexed=%d peak_rss_mb_before=%.1f after_parse=%.1f "
                "after_all=%.1f\n",
                items, (long long)doc.size(), report.c_str(), stored ? stored->inserted : -1,
                indexed ? indexed.value() : -1, before, afterParse, peakRssMb());
}

int usage()
{
    std::fprintf(stderr, "usage: folio-bench-sync [--items N] [--format rss|atom] [--runs R] [--feeds F]\n");
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    int items = 10'000, runs = 3, smallFeeds = 100;
    bool atom = false, serving = false;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString a = args.at(i);
        const auto next = [&] { return i + 1 < args.size() ? args.at(++i) : QString(); };
        if (a == QLatin1String("--items"))
            items = next().toInt();
        else if (a == QLatin1String("--runs"))
            runs = next().toInt();
        else if (a == QLatin1String("--feeds"))
            smallFeeds = next().toInt();
        else if (a == QLatin1String("--format"))
            atom = next() == QLatin1String("atom");
        else if (a == QLatin1String("--serve"))
            serving = true;
        else
            return usage();
    }
    if (items < 1 || runs < 1 || smallFeeds < 0)
        return usage();
    if (serving)
        return serve(items, atom, smallFeeds);

    if (qEnvironmentVariableIsSet("FOLIO_BENCH_PHASES")) {
        phases(items, atom);
        return 0;
    }
    // The server lives in another process, so this one's memory is the reader's alone.
    QProcess server;
    server.start(QCoreApplication::applicationFilePath(),
                 {QStringLiteral("--serve"), QStringLiteral("--items"), QString::number(items),
                  QStringLiteral("--format"), atom ? QStringLiteral("atom") : QStringLiteral("rss"),
                  QStringLiteral("--feeds"), QString::number(smallFeeds)});
    if (!server.waitForReadyRead(600'000))
        return std::fprintf(stderr, "the feed server did not start\n"), 1;
    const int port = QString::fromLatin1(server.readLine()).section(QLatin1Char(' '), 1).trimmed().toInt();
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);

    SyncOptions options;
    options.cacheImages = false;
    options.maxFeedBytes = qint64(1) << 30; // 100,000 items are ~280 MB
    std::vector<double> cold, readable, warm;
    for (int run = 0; run < runs; ++run) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("library.db"));
        FeedId feed = 0;
        {
            auto db = Database::open(path);
            if (!db)
                return std::fprintf(stderr, "%s\n", qPrintable(db.error())), 1;
            feed = FeedStore(*db.value())
                       .ensure(FeedKind::Web, base + QStringLiteral("/big.xml"), QStringLiteral("big"))
                       .value();
        }
        FeedSync sync(path, options);
        QElapsedTimer timer;
        timer.start();
        double readableAt = 0;
        const SyncSummary first = runSync(sync, {feed}, &timer, &readableAt);
        cold.push_back(double(timer.nsecsElapsed()) / 1e9);
        readable.push_back(readableAt);
        if (first.newArticles() != items || first.errors() != 0)
            return std::fprintf(stderr, "cold sync stored %d of %d (%s)\n", first.newArticles(), items,
                                first.feeds.isEmpty() ? "" : qPrintable(first.feeds.first().error)),
                   1;
        timer.restart();
        const SyncSummary again = runSync(sync, {feed});
        warm.push_back(double(timer.nsecsElapsed()) / 1e9);
        if (again.feeds.isEmpty() || !again.feeds.first().notModified)
            return std::fprintf(stderr, "the warm sync was not a 304\n"), 1;
    }
    const double peak = peakRssMb();

    // Many feeds at once, all unchanged: one conditional GET each.
    double many = 0;
    if (smallFeeds > 0) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("many.db"));
        QList<FeedId> feeds;
        {
            auto db = Database::open(path);
            for (int i = 0; i < smallFeeds; ++i)
                feeds.append(
                    FeedStore(*db.value())
                        .ensure(FeedKind::Web, base + QStringLiteral("/small-%1.xml").arg(i), QStringLiteral("small"))
                        .value());
        }
        FeedSync sync(path, options);
        runSync(sync, feeds);
        QElapsedTimer timer;
        timer.start();
        const SyncSummary again = runSync(sync, feeds);
        many = double(timer.nsecsElapsed()) / 1e9;
        int notModified = 0;
        for (const FeedSyncResult& r : again.feeds)
            notModified += r.notModified ? 1 : 0;
        if (notModified != smallFeeds)
            return std::fprintf(stderr, "only %d of %d feeds answered 304\n", notModified, smallFeeds), 1;
    }
    server.closeWriteChannel();
    server.waitForFinished(10'000);

    const double coldMedian = median(cold), readableMedian = median(readable);
    std::printf("RESULT sync format=%s items=%d runs=%d cold_median_s=%.3f items_per_s=%.0f readable_median_s=%.3f "
                "readable_items_per_s=%.0f warm_median_s=%.4f peak_rss_mb=%.1f feeds=%d all_304_s=%.3f\n",
                atom ? "atom" : "rss", items, runs, coldMedian, items / coldMedian, readableMedian,
                items / readableMedian, median(warm), peak, smallFeeds, many);
    return 0;
}
