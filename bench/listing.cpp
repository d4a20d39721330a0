// folio-bench-listing [--articles N] [--page-size K] [--repeat R] [--db PATH] [--deep-page P] [--budget S]
//                     [--seed S]
//
// Fills a fresh library with N articles through ArticleStore::upsert, marks ~30% read and ~2% starred,
// checks that paging through each listing returns every article once in (published DESC, id DESC) order,
// then times listingIndex and listingRows (page 1 and a deep page) for All, the most frequent tag, Unread
// and Starred: median and p95 of R timed runs after a warm-up (fewer when a measurement would take more than
// --budget seconds). The deep page is page P (default 2,000) or the last full page when a listing has fewer.
#include "benchcommon.h"
#include "listingfill.h"
#include "storage/articlestore.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <cstdio>
#include <functional>

using namespace folio;
using namespace folio::bench;

namespace {

struct Options {
    int articles = 100000;
    int pageSize = 50;
    int repeat = 200;
    int deepPage = 2000;
    double budget = 15; // seconds per measurement at most (but at least 20 runs)
    QString db;
    std::uint64_t seed = 7;
};

struct Timing {
    double median = 0, p95 = 0;
    int runs = 0;
};

// Warm-up runs (a tenth of `repeat`, at most ~2 s), then `repeat` timed runs of `fn`, or fewer (at least 20)
// when they take more than `budgetSeconds` in all; fails the whole benchmark when fn fails.
Timing measure(int repeat, double budgetSeconds, const std::function<bool()>& fn)
{
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < std::max(3, repeat / 10) && (i < 3 || total.elapsed() < 2000); ++i) {
        if (!fn())
            std::exit(1);
    }
    std::vector<double> ms;
    ms.reserve(std::size_t(repeat));
    QElapsedTimer budget, timer;
    budget.start();
    for (int i = 0; i < repeat && (i < 20 || double(budget.elapsed()) < budgetSeconds * 1000); ++i) {
        timer.start();
        const bool ok = fn();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!ok)
            std::exit(1);
    }
    return {median(ms), percentile(ms, 95), int(ms.size())};
}

template <typename T> bool check(const Result<T>& result)
{
    if (!result)
        std::fprintf(stderr, "folio-bench-listing: %s\n", qPrintable(result.error()));
    return result.ok();
}

struct Row {
    QString name;
    qint64 total = 0;
    int pages = 0, deep = 0;
    Timing index, first, last, pageFirst, pageLast;
};

Row benchFilter(ArticleStore& store, const QString& name, const ListingFilter& filter, const Options& o)
{
    Row row;
    row.name = name;
    auto index = store.listingIndex(filter, o.pageSize);
    if (!check(index) || index->pageCount() == 0)
        std::exit(1);
    row.total = index->total;
    row.pages = index->pageCount();
    // The deepest full page up to deepPage: a short last page would flatter the deep-page figure.
    row.deep = std::clamp(int(row.total / o.pageSize), 1, o.deepPage);
    const ListingCursor first = index->pageStarts.front(), deep = index->pageStarts.at(row.deep - 1);

    row.index = measure(o.repeat, o.budget, [&] { return check(store.listingIndex(filter, o.pageSize)); });
    row.first = measure(o.repeat, o.budget, [&] { return check(store.listingRows(filter, first, o.pageSize)); });
    row.last = measure(o.repeat, o.budget, [&] { return check(store.listingRows(filter, deep, o.pageSize)); });
    // listingPage recomputes the index every call; fewer runs keep the benchmark short.
    const int fewer = std::max(10, o.repeat / 5);
    row.pageFirst = measure(fewer, o.budget / 3, [&] { return check(store.listingPage(filter, 1, o.pageSize)); });
    row.pageLast = measure(fewer, o.budget / 3, [&] { return check(store.listingPage(filter, row.deep, o.pageSize)); });
    return row;
}

void printTable(const QList<Row>& rows, const Options& o)
{
    std::printf("\nlisting at %s articles, page size %d, %d runs each (median / p95, ms)\n",
                grouped(o.articles).c_str(), o.pageSize, o.repeat);
    std::printf("%-22s %7s %5s | %-15s | %-15s | %-21s | %6s\n", "filter", "total", "pages", "listingIndex",
                "rows page 1", "rows deep page", "deep/1");
    for (const Row& r : rows) {
        char deep[40];
        std::snprintf(deep, sizeof deep, "p%-4d %6.3f / %6.3f", r.deep, r.last.median, r.last.p95);
        std::printf("%-22s %7lld %5d | %6.2f / %6.2f | %6.3f / %6.3f | %-21s | %5.2fx\n", qPrintable(r.name),
                    static_cast<long long>(r.total), r.pages, r.index.median, r.index.p95, r.first.median, r.first.p95,
                    deep, r.last.median / r.first.median);
    }
    for (const Row& r : rows) {
        for (const auto& [what, t] : {std::pair{"listingIndex", r.index}, std::pair{"rows page 1", r.first},
                                      std::pair{"rows deep page", r.last}}) {
            if (t.runs < o.repeat)
                std::printf("  (%s %s: %d runs, capped by the %.0f s budget)\n", qPrintable(r.name), what, t.runs,
                            o.budget);
        }
    }
    std::printf("\nlistingPage (index + rows, what a filter change costs), median / p95 ms:\n");
    for (const Row& r : rows)
        std::printf("%-22s page 1: %6.2f / %6.2f   page %d: %6.2f / %6.2f\n", qPrintable(r.name), r.pageFirst.median,
                    r.pageFirst.p95, r.deep, r.pageLast.median, r.pageLast.p95);
    std::printf("\n");
    for (const Row& r : rows)
        std::printf("RESULT listing filter=\"%s\" total=%lld index_med=%.3f index_p95=%.3f p1_med=%.3f "
                    "p1_p95=%.3f deep_page=%d deep_med=%.3f deep_p95=%.3f ratio=%.2f page1_e2e_med=%.3f "
                    "deep_e2e_med=%.3f\n",
                    qPrintable(r.name), static_cast<long long>(r.total), r.index.median, r.index.p95, r.first.median,
                    r.first.p95, r.deep, r.last.median, r.last.p95, r.last.median / r.first.median, r.pageFirst.median,
                    r.pageLast.median);
}

int usage()
{
    std::fprintf(stderr, "usage: folio-bench-listing [--articles N] [--page-size K] [--repeat R] [--db PATH] "
                         "[--deep-page P] [--budget SECONDS] [--seed S]\n");
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    Options o;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (i + 1 >= args.size())
            return usage();
        bool ok = true;
        if (a == QLatin1String("--articles"))
            o.articles = args[++i].toInt(&ok);
        else if (a == QLatin1String("--page-size"))
            o.pageSize = args[++i].toInt(&ok);
        else if (a == QLatin1String("--repeat"))
            o.repeat = args[++i].toInt(&ok);
        else if (a == QLatin1String("--deep-page"))
            o.deepPage = args[++i].toInt(&ok);
        else if (a == QLatin1String("--seed"))
            o.seed = args[++i].toULongLong(&ok);
        else if (a == QLatin1String("--budget"))
            o.budget = args[++i].toDouble(&ok);
        else if (a == QLatin1String("--db"))
            o.db = args[++i];
        else
            return usage();
        if (!ok || o.articles < 1 || o.pageSize < 1 || o.repeat < 1 || o.deepPage < 1)
            return usage();
    }
    const bool temporary = o.db.isEmpty();
    if (temporary)
        o.db = QDir(QDir::tempPath())
                   .filePath(QStringLiteral("folio-bench-listing-%1.db").arg(QCoreApplication::applicationPid()));
    const auto removeLibrary = [&] {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(o.db + QLatin1String(suffix));
    };
    removeLibrary();

    int status = 1;
    {
        auto db = Database::open(o.db);
        if (!check(db))
            return 1;
        ArticleStore store(*db.value());
        const auto filled = fillLibrary(*db.value(), o.articles, o.seed);
        if (filled) {
            std::printf("filled %s articles in %.2f s (%.0f articles/s via upsert in batches of %d), marked %s "
                        "read and %s starred in %.2f s; paging check %.2f s: %s\n",
                        grouped(o.articles).c_str(), filled->fillSeconds, o.articles / filled->fillSeconds, kFillBatch,
                        grouped(filled->read).c_str(), grouped(filled->starred).c_str(), filled->markSeconds,
                        filled->checkSeconds, qPrintable(filled->checks));
            ListingFilter all, tag, unread, starred;
            tag.tag = filled->frequentTag;
            unread.unreadOnly = true;
            starred.starredOnly = true;
            QList<Row> rows;
            rows << benchFilter(store, QStringLiteral("All"), all, o);
            rows << benchFilter(store, QStringLiteral("tag ") + filled->frequentTag, tag, o);
            rows << benchFilter(store, QStringLiteral("Unread"), unread, o);
            rows << benchFilter(store, QStringLiteral("Starred"), starred, o);
            printTable(rows, o);
            status = filled->checksPassed ? 0 : 1;
        } else {
            std::fprintf(stderr, "folio-bench-listing: %s\n", qPrintable(filled.error()));
        }
    }
    if (temporary)
        removeLibrary();
    return status;
}
