// folio-bench-import DIR --db PATH [--breakdown]
//
// Imports DIR into a fresh library at PATH through MarkdownImporter (the library is created with
// Database::open and nothing else: no sample posts), then imports it again (every post unchanged), and
// reports posts/s and peak RSS. Each import is timed twice over: "stored" until the posts are readable, and
// "searchable" until the search index has caught up too (the importer's default: it indexes before returning;
// here it runs with Indexing::Later and the bench runs the same indexing right after, to time the two apart).
// --breakdown then times the importer's stages one by one, as the importer runs them, on the same files (a
// reconstruction through the public headers, for finding the bottleneck).
#include "benchcommon.h"
#include "parse/frontmatter.h"
#include "parse/textdecoding.h"
#include "render/excerpt.h"
#include "storage/articlestore.h"
#include "storage/database.h"
#include "storage/feedstore.h"
#include "storage/searchindex.h"
#include "sync/markdownimporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <cstdio>
#include <ctime>

using namespace folio;
using namespace folio::bench;

namespace {

void removeLibrary(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

struct Run {
    ImportReport report;
    double seconds = 0, cpu = 0, systemCpu = 0; // until stored
    double searchableSeconds = 0;               // until indexed as well
    int indexed = 0;
};

std::optional<Run> importOnce(Database& db, const QString& dir)
{
    const double cpu = cpuSeconds(), systemCpu = systemCpuSeconds();
    QElapsedTimer timer;
    timer.start();
    auto report = MarkdownImporter(db, MarkdownImporter::Indexing::Later).importPath(dir);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!report) {
        std::fprintf(stderr, "folio-bench-import: %s\n", qPrintable(report.error()));
        return std::nullopt;
    }
    Run run{std::move(report.value()), seconds, cpuSeconds() - cpu, systemCpuSeconds() - systemCpu};
    auto indexed = searchindex::indexAllPending(db.connection(), MarkdownImporter::kIndexBatch);
    run.searchableSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!indexed) {
        std::fprintf(stderr, "folio-bench-import: %s\n", qPrintable(indexed.error()));
        return std::nullopt;
    }
    run.indexed = indexed.value();
    return run;
}

void printRun(const char* label, const Run& run)
{
    const int posts = run.report.imported + run.report.updated + run.report.unchanged;
    std::printf("%-9s %s imported, %s updated, %s unchanged, %lld errors, %lld warnings\n", label,
                grouped(run.report.imported).c_str(), grouped(run.report.updated).c_str(),
                grouped(run.report.unchanged).c_str(), static_cast<long long>(run.report.errors.size()),
                static_cast<long long>(run.report.warnings.size()));
    std::printf("%-9s wall %.3f s, %.0f posts/s, CPU %.3f s (%.0f µs/post, %.0f%% of it system), peak RSS so far "
                "%.1f MB\n",
                label, run.seconds, double(posts) / run.seconds, run.cpu, run.cpu * 1e6 / double(posts),
                100.0 * run.systemCpu / run.cpu, peakRssMb());
    std::printf("%-9s stored %.0f posts/s (%.3f s); searchable %.0f posts/s (%.3f s, %s indexed after storing)\n",
                label, double(posts) / run.seconds, run.seconds, double(posts) / run.searchableSeconds,
                run.searchableSeconds, grouped(run.indexed).c_str());
    for (const ImportIssue& issue : run.report.errors.mid(0, 3))
        std::printf("  error: %s: %s\n", qPrintable(issue.source), qPrintable(issue.message));
    for (const ImportIssue& issue : run.report.warnings.mid(0, 3))
        std::printf("  warning: %s: %s\n", qPrintable(issue.source), qPrintable(issue.message));
}

// ---- stage breakdown -------------------------------------------------------------------------------

struct Stages {
    qint64 list = 0, read = 0, decode = 0, parse = 0, excerpt = 0, upsert = 0, index = 0;
};

// CPU time of this process (the importer is single-threaded), so that other jobs on the machine do not
// inflate a stage.
class Lap {
public:
    Lap()
        : m_last(now())
    {
    }
    void to(qint64& bucket)
    {
        const qint64 t = now();
        bucket += t - m_last;
        m_last = t;
    }

private:
    static qint64 now()
    {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }
    qint64 m_last;
};

int breakdown(const QString& dir, const QString& scratchPath)
{
    removeLibrary(scratchPath);
    auto db = Database::open(scratchPath);
    if (!db) {
        std::fprintf(stderr, "folio-bench-import: %s\n", qPrintable(db.error()));
        return 1;
    }
    ArticleStore store(*db.value());
    auto feed =
        FeedStore(*db.value()).ensure(FeedKind::LocalFolder, QStringLiteral("file:///bench"), QStringLiteral("bench"));
    if (!feed)
        return 1;

    Stages t;
    Lap lap;
    const QString root = QFileInfo(dir).canonicalFilePath();
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString suffix = QFileInfo(file).suffix().toLower();
        if ((suffix == QLatin1String("md") || suffix == QLatin1String("markdown")) &&
            !QDir(root).relativeFilePath(file).contains(QLatin1String("/.")))
            files << file;
    }
    files.sort();
    lap.to(t.list);

    QList<Article> batch;
    const QDir base(root);
    for (const QString& path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        lap.to(t.read);
        auto decoded = decodeText(bytes);
        if (!decoded)
            continue;
        lap.to(t.decode);
        auto post = parseMarkdownPost(std::move(decoded->text), QFileInfo(path).fileName());
        lap.to(t.parse);
        if (!post || !post->date)
            continue;
        Article a;
        a.guid = base.relativeFilePath(path);
        a.url = QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded);
        a.title = post->title;
        a.published = *post->date;
        a.summary = post->summary.isEmpty() ? markdownExcerpt(post->body) : truncateText(post->summary, 280);
        a.content = std::move(post->body);
        a.tags = post->tags;
        batch.append(std::move(a));
        lap.to(t.excerpt);
        if (batch.size() >= MarkdownImporter::kBatchSize) {
            if (!store.upsert(feed.value(), batch))
                return 1;
            batch.clear();
            lap.to(t.upsert);
        }
    }
    if (!batch.isEmpty() && !store.upsert(feed.value(), batch))
        return 1;
    lap.to(t.upsert);
    if (!searchindex::indexAllPending(db.value()->connection(), MarkdownImporter::kIndexBatch))
        return 1;
    lap.to(t.index);
    const qint64 total = t.list + t.read + t.decode + t.parse + t.excerpt + t.upsert + t.index;
    const auto row = [&](const char* name, qint64 ns) {
        std::printf("  %-34s %8.1f ms %6.1f µs/post %5.1f%%\n", name, double(ns) / 1e6,
                    double(ns) / 1e3 / double(files.size()), 100.0 * double(ns) / double(total));
    };
    std::printf("stage breakdown over %s posts (fresh scratch library, CPU time):\n", grouped(files.size()).c_str());
    row("list + sort files (QDirIterator)", t.list);
    row("read (QFile::readAll)", t.read);
    row("decode (decodeText)", t.decode);
    row("front matter (parseMarkdownPost)", t.parse);
    row("excerpt (markdownExcerpt, cmark)", t.excerpt);
    row("store (ArticleStore::upsert)", t.upsert);
    row("index (indexAllPending; CPU of all threads)", t.index);
    row("total", total);
    removeLibrary(scratchPath);
    return 0;
}

int usage()
{
    std::fprintf(stderr, "usage: folio-bench-import DIR --db PATH [--breakdown]\n");
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    QString dir, dbPath;
    bool withBreakdown = false;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--db") && i + 1 < args.size())
            dbPath = args[++i];
        else if (args[i] == QLatin1String("--breakdown"))
            withBreakdown = true;
        else if (dir.isEmpty() && !args[i].startsWith(QLatin1Char('-')))
            dir = args[i];
        else
            return usage();
    }
    if (dir.isEmpty() || dbPath.isEmpty())
        return usage();
    if (!QFileInfo(dir).isDir()) {
        std::fprintf(stderr, "folio-bench-import: %s is not a folder\n", qPrintable(dir));
        return 2;
    }

    removeLibrary(dbPath);
    auto db = Database::open(dbPath);
    if (!db) {
        std::fprintf(stderr, "folio-bench-import: %s\n", qPrintable(db.error()));
        return 1;
    }
    std::printf("library %s (fresh), peak RSS before import %.1f MB\n", qPrintable(dbPath), peakRssMb());

    const auto first = importOnce(*db.value(), dir);
    if (!first)
        return 1;
    printRun("import", *first);
    const double importPeak = peakRssMb();
    const auto second = importOnce(*db.value(), dir);
    if (!second)
        return 1;
    printRun("re-import", *second);

    const int posts = first->report.imported + first->report.updated + first->report.unchanged;
    std::printf("RESULT import posts=%d seconds=%.3f posts_per_s=%.0f searchable_seconds=%.3f "
                "searchable_posts_per_s=%.0f peak_rss_mb=%.1f cpu_us_per_post=%.0f "
                "reimport_seconds=%.3f reimport_posts_per_s=%.0f library_mb=%.1f\n",
                posts, first->seconds, double(posts) / first->seconds, first->searchableSeconds,
                double(posts) / first->searchableSeconds, importPeak, first->cpu * 1e6 / double(posts), second->seconds,
                double(posts) / second->seconds,
                double(QFileInfo(dbPath).size() + QFileInfo(dbPath + QStringLiteral("-wal")).size()) / 1e6);
    if (withBreakdown)
        return breakdown(dir, dbPath + QStringLiteral(".breakdown"));
    return 0;
}
