#include "listingfill.h"

#include "benchcommon.h"
#include "storage/articlestore.h"
#include "storage/database.h"
#include "storage/feedstore.h"
#include "storage/sql.h"
#include "vocabulary.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTimeZone>

namespace folio::bench {

namespace {

constexpr int kFeeds = 20;
constexpr qint64 kYearStartMs = 1767225600000; // 2026-01-01T00:00:00Z
constexpr qint64 kYearSeconds = 365LL * 86400;

QString q(const std::string& utf8)
{
    return QString::fromStdString(utf8);
}

Article makeArticle(SplitMix64& rng, int index, qint64& lastPublishedMs)
{
    static const Zipf tagRanks(int(tagVocabulary().size()), 1.1);
    Article a;
    a.guid = QStringLiteral("https://bench.example.org/posts/%1").arg(index);
    a.url = a.guid;
    a.title = q(rng.pick(chineseTerms()) + "与 " + rng.pick(englishTerms()) + "：" + rng.pick(titleSuffixes())) +
              QStringLiteral("（%1）").arg(index + 1);
    a.author = QStringLiteral("Bench Author %1").arg(index % 37);
    // ~3% share the previous article's time: the id decides their order.
    lastPublishedMs = index > 0 && rng.chance(0.03)
                          ? lastPublishedMs
                          : kYearStartMs + qint64(rng.below(std::uint64_t(kYearSeconds))) * 1000;
    a.published = QDateTime::fromMSecsSinceEpoch(lastPublishedMs, QTimeZone::utc());
    std::string summary = sentence(rng) + sentence(rng);
    a.summary = q(summary).left(280);
    a.content = q(summary + "\n\n" + sentence(rng) + "\n\n" + rng.pick(displayMath()) + "\n" + sentence(rng));
    for (int rank : tagRanks.drawDistinct(rng, rng.between(1, 4)))
        a.tags << q(tagVocabulary()[std::size_t(rank)]);
    return a;
}

bool before(const ListingCursor& a, const ListingCursor& b) // a comes strictly before b in listing order
{
    return a.publishedMs > b.publishedMs || (a.publishedMs == b.publishedMs && a.id > b.id);
}

// Pages through a listing with its page starts; returns the ids in order, or what went wrong.
Result<QList<ArticleId>> walk(const ArticleStore& store, const ListingFilter& filter, int pageSize)
{
    auto index = store.listingIndex(filter, pageSize);
    if (!index)
        return fail(index.error());
    QList<ArticleId> ids;
    QSet<ArticleId> seen;
    std::optional<ListingCursor> previous;
    for (int p = 0; p < index->pageCount(); ++p) {
        auto rows = store.listingRows(filter, index->pageStarts.at(p), pageSize);
        if (!rows)
            return fail(rows.error());
        const bool lastPage = p + 1 == index->pageCount();
        if (rows->isEmpty() || rows->front().cursor() != index->pageStarts.at(p) ||
            (!lastPage && rows->size() != pageSize))
            return fail(QStringLiteral("page %1 does not start at its page start or is short").arg(p + 1));
        for (const ArticleSummary& s : rows.value()) {
            if (previous && !before(*previous, s.cursor()))
                return fail(QStringLiteral("article %1 is out of order on page %2").arg(s.id).arg(p + 1));
            if (seen.contains(s.id))
                return fail(QStringLiteral("article %1 is listed twice").arg(s.id));
            previous = s.cursor();
            seen.insert(s.id);
            ids << s.id;
        }
        // Pages must not overlap: the next page starts after this page's last row.
        if (!lastPage && !before(rows->back().cursor(), index->pageStarts.at(p + 1)))
            return fail(QStringLiteral("pages %1 and %2 overlap").arg(p + 1).arg(p + 2));
    }
    if (ids.size() != index->total)
        return fail(QStringLiteral("paging gave %1 articles, the index counts %2").arg(ids.size()).arg(index->total));
    return ids;
}

} // namespace

Result<FillReport> fillLibrary(Database& db, int count, std::uint64_t seed)
{
    FillReport report;
    ArticleStore store(db);
    FeedStore feeds(db);
    QList<FeedId> feedIds;
    for (int f = 0; f < kFeeds; ++f) {
        auto id = feeds.ensure(FeedKind::Web, QStringLiteral("https://blog-%1.example.org/feed.xml").arg(f),
                               QStringLiteral("NLP 博客 %1").arg(f));
        if (!id)
            return fail(id.error());
        feedIds << id.value();
    }

    QElapsedTimer timer;
    timer.start();
    SplitMix64 rng(seed);
    qint64 lastPublished = 0;
    QList<Article> batch;
    for (int i = 0; i < count; ++i) {
        batch << makeArticle(rng, i, lastPublished);
        if (batch.size() == kFillBatch || i + 1 == count) {
            auto counts = store.upsert(feedIds.at((i / kFillBatch) % kFeeds), batch);
            if (!counts)
                return fail(counts.error());
            if (counts->inserted != batch.size())
                return fail(QStringLiteral("upsert inserted %1 of %2").arg(counts->inserted).arg(batch.size()));
            batch.clear();
        }
    }
    report.fillSeconds = double(timer.nsecsElapsed()) / 1e9;

    // Every id, through the listing itself: this is also the first paging check.
    ListingFilter all;
    auto ids = walk(store, all, 50);
    if (!ids)
        return fail(QStringLiteral("All: ") + ids.error());
    if (ids->size() != count)
        return fail(QStringLiteral("All lists %1 of %2 articles").arg(ids->size()).arg(count));

    // One transaction around all the marking: setRead and setStarred commit on their own otherwise.
    timer.start();
    {
        Transaction tx(db.connection());
        if (auto began = tx.begin(); !began)
            return fail(began.error());
        for (ArticleId id : ids.value()) {
            if (rng.chance(0.30)) {
                if (auto s = store.setRead(id, true); !s)
                    return fail(s.error());
                ++report.read;
            }
            if (rng.chance(0.02)) {
                if (auto s = store.setStarred(id, true); !s)
                    return fail(s.error());
                ++report.starred;
            }
        }
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error());
    }
    report.markSeconds = double(timer.nsecsElapsed()) / 1e9;

    auto tags = store.tagCounts();
    if (!tags || tags->isEmpty())
        return fail(tags ? QStringLiteral("no tags stored") : tags.error());
    TagCount top = tags->front();
    for (const TagCount& t : tags.value())
        top = t.count > top.count ? t : top;
    report.frequentTag = top.name;

    timer.start();
    ListingFilter tag, unread, starred;
    tag.tag = top.name;
    unread.unreadOnly = true;
    starred.starredOnly = true;
    const struct {
        QString name;
        ListingFilter filter;
        qint64 expected;
    } listings[] = {{QStringLiteral("tag"), tag, top.count},
                    {QStringLiteral("Unread"), unread, count - report.read},
                    {QStringLiteral("Starred"), starred, report.starred}};
    QStringList problems;
    for (const auto& l : listings) {
        auto walked = walk(store, l.filter, 50);
        if (!walked)
            problems << l.name + QStringLiteral(": ") + walked.error();
        else if (walked->size() != l.expected)
            problems << QStringLiteral("%1 lists %2, expected %3").arg(l.name).arg(walked->size()).arg(l.expected);
    }
    report.checkSeconds = double(timer.nsecsElapsed()) / 1e9;
    report.checksPassed = problems.isEmpty();
    report.checks = problems.isEmpty() ? QStringLiteral("All, tag, Unread, Starred page correctly")
                                       : QStringLiteral("FAILED: ") + problems.join(QStringLiteral("; "));
    return report;
}

} // namespace folio::bench
