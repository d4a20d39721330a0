#include "storage/articlestore.h"
#include "storage/database.h"
#include "storage/sql.h"
#include "support/testlibrary.h"

#include <QSet>
#include <QTest>

using namespace folio;
using namespace folio::test;

namespace {

constexpr int kArticles = 2000;

// 2,000 articles over two feeds; every fifth shares its timestamp with its neighbour, so the id tie-break
// is exercised; tags cycle so each tag listing is a strided subset.
struct Corpus {
    TestLibrary lib;
    FeedId feedA = 0, feedB = 0;

    Corpus()
    {
        feedA = lib.feed(QStringLiteral("https://a.example/feed"), QStringLiteral("A"));
        feedB = lib.feed(QStringLiteral("https://b.example/feed"), QStringLiteral("B"));
        ArticleStore store(lib.db());
        QList<Article> a, b;
        for (int i = 0; i < kArticles; ++i) {
            const qint64 when = 1767225600000 + qint64(i - i % 5 / 4) * 60000; // pairs share a minute
            QStringList tags{QStringLiteral("t%1").arg(i % 3)};
            if (i % 7 == 0)
                tags << QStringLiteral("Seven");
            (i % 2 ? b : a).append(article(QStringLiteral("p%1").arg(i), when, tags));
        }
        if (!store.upsert(feedA, a).ok() || !store.upsert(feedB, b).ok())
            qFatal("cannot fill the corpus");
        for (ArticleId id = 3; id <= kArticles; id += 4)
            (void)store.setRead(id, true);
        for (ArticleId id = 10; id <= kArticles; id += 50)
            (void)store.setStarred(id, true);
    }
};

// Every article matching `keep`, in listing order, straight from a plain query (the oracle).
QList<ArticleId> expected(Database& db, const QString& where)
{
    auto q = query(db.connection(), QStringLiteral("SELECT a.id FROM articles a JOIN article_state s ON "
                                                   "s.article_id = a.id WHERE ") +
                                        where + QStringLiteral(" ORDER BY a.published DESC, a.id DESC"));
    QList<ArticleId> ids;
    while (q.ok() && q->next())
        ids << q->value(0).toLongLong();
    return ids;
}

QList<ArticleId> walkByPageNumber(const ArticleStore& store, const ListingFilter& filter, int pageSize)
{
    QList<ArticleId> ids;
    auto first = store.listingPage(filter, 1, pageSize);
    if (!first.ok())
        return ids;
    for (int page = 1; page <= first->pageCount; ++page) {
        auto p = store.listingPage(filter, page, pageSize);
        if (!p.ok())
            return {};
        for (const ArticleSummary& s : p->articles)
            ids << s.id;
    }
    return ids;
}

} // namespace

class TestListing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { m_corpus = std::make_unique<Corpus>(); }
    void cleanupTestCase() { m_corpus.reset(); }

    void everyPageWalkSeesEachArticleOnceInOrder_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<int>("feed");
        QTest::addColumn<bool>("unread");
        QTest::addColumn<bool>("starred");
        QTest::addColumn<QString>("oracle");
        QTest::newRow("all/50") << 50 << QString() << 0 << false << false << QStringLiteral("1");
        QTest::newRow("all/7") << 7 << QString() << 0 << false << false << QStringLiteral("1");
        QTest::newRow("all/2000") << 2000 << QString() << 0 << false << false << QStringLiteral("1");
        QTest::newRow("starred/1") << 1 << QString() << 0 << false << true << QStringLiteral("s.starred = 1");
        QTest::newRow("feed A") << 33 << QString() << 1 << false << false << QStringLiteral("a.feed_id = 1");
        QTest::newRow("unread") << 20 << QString() << 0 << true << false << QStringLiteral("s.read = 0");
        QTest::newRow("starred") << 3 << QString() << 0 << false << true << QStringLiteral("s.starred = 1");
        QTest::newRow("unread in feed B")
            << 25 << QString() << 2 << true << false << QStringLiteral("s.read = 0 AND a.feed_id = 2");
        QTest::newRow("tag, other case") << 40 << QStringLiteral("SEVEN") << 0 << false << false
                                         << QStringLiteral(
                                                "a.id IN (SELECT article_id FROM article_tags WHERE tag_id = "
                                                "(SELECT id FROM tags WHERE fold = 'seven'))");
        QTest::newRow("tag unread") << 9 << QStringLiteral("t1") << 0 << true << false
                                    << QStringLiteral(
                                           "s.read = 0 AND a.id IN (SELECT article_id FROM article_tags WHERE tag_id = "
                                           "(SELECT id FROM tags WHERE fold = 't1'))");
        QTest::newRow("tag starred feed")
            << 2 << QStringLiteral("t0") << 1 << false << true
            << QStringLiteral("s.starred = 1 AND a.feed_id = 1 AND a.id IN (SELECT article_id FROM article_tags "
                              "WHERE tag_id = (SELECT id FROM tags WHERE fold = 't0'))");
        QTest::newRow("unknown tag") << 10 << QStringLiteral("nope") << 0 << false << false << QStringLiteral("0");
    }

    void everyPageWalkSeesEachArticleOnceInOrder()
    {
        QFETCH(int, pageSize);
        QFETCH(QString, tag);
        QFETCH(int, feed);
        QFETCH(bool, unread);
        QFETCH(bool, starred);
        QFETCH(QString, oracle);
        ListingFilter filter;
        if (!tag.isEmpty())
            filter.tag = tag;
        if (feed)
            filter.feed = feed;
        filter.unreadOnly = unread;
        filter.starredOnly = starred;

        ArticleStore store(m_corpus->lib.db());
        const QList<ArticleId> want = expected(m_corpus->lib.db(), oracle);
        QVERIFY(!want.isEmpty() || oracle == QLatin1String("0"));
        QCOMPARE(walkByPageNumber(store, filter, pageSize), want);

        auto first = store.listingPage(filter, 1, pageSize);
        QVERIFY(first.ok());
        QCOMPARE(first->total, want.size());
        QCOMPARE(first->pageCount, (want.size() + pageSize - 1) / pageSize);
    }

    void pagePastTheEndIsAnError()
    {
        ArticleStore store(m_corpus->lib.db());
        auto last = store.listingPage({}, 40, 50);
        QVERIFY(last.ok());
        QCOMPARE(last->articles.size(), 50);
        auto past = store.listingPage({}, 41, 50);
        QVERIFY(!past.ok());
        QVERIFY(past.error().contains(QStringLiteral("40 pages")));
        QVERIFY(!store.listingPage({}, 0, 50).ok());
        QVERIFY(!store.listingPage({}, 1, 0).ok());
    }

    void readingOnSurvivesInsertsBetweenPages()
    {
        // A separate library: this test writes while it reads.
        Corpus corpus;
        ArticleStore store(corpus.lib.db());
        const QList<ArticleId> original = expected(corpus.lib.db(), QStringLiteral("1"));
        QList<ArticleId> seen;
        std::optional<ListingCursor> cursor;
        int round = 0;
        for (;;) {
            auto rows = store.listingRows({}, cursor, 64,
                                          cursor ? ArticleStore::From::AfterCursor : ArticleStore::From::AtCursor);
            QVERIFY(rows.ok());
            if (rows->isEmpty())
                break;
            for (const ArticleSummary& s : rows.value())
                seen << s.id;
            cursor = rows->back().cursor();
            // Between page reads new articles arrive: one newer than everything, one in the part still ahead,
            // one with exactly the cursor's timestamp.
            ++round;
            QVERIFY(store
                        .upsert(corpus.feedA, {article(QStringLiteral("new-top-%1").arg(round), 1900000000000),
                                               article(QStringLiteral("new-old-%1").arg(round), 1000 + round),
                                               article(QStringLiteral("new-tie-%1").arg(round), cursor->publishedMs)})
                        .ok());
        }
        // Every original article exactly once, in order; no row twice.
        QList<ArticleId> seenOriginal;
        for (ArticleId id : seen) {
            if (id <= kArticles)
                seenOriginal << id;
        }
        QCOMPARE(seenOriginal, original);
        QCOMPARE(QSet<ArticleId>(seen.begin(), seen.end()).size(), seen.size());
        // Inserted rows older than the cursor were reached; rows above the cursor were not.
        for (ArticleId id : seen)
            QVERIFY(id <= kArticles || !store.article(id)->guid.startsWith(QStringLiteral("new-top")));
        QVERIFY(std::any_of(seen.begin(), seen.end(), [&](ArticleId id) {
            return store.article(id)->guid.startsWith(QStringLiteral("new-old"));
        }));
    }

    void listingQueriesUseTheirIndexes_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("index");
        // The same shapes ArticleStore runs; if a schema change loses the index, paging turns into a scan.
        QTest::newRow("all") << QStringLiteral("SELECT a.id FROM articles a WHERE (a.published, a.id) <= (1, 1) "
                                               "ORDER BY a.published DESC, a.id DESC LIMIT 50")
                             << QStringLiteral("articles_by_date");
        QTest::newRow("unread") << QStringLiteral("SELECT d.article_id FROM article_state d WHERE d.read = 0 AND "
                                                  "(d.published, d.article_id) <= (1, 1) ORDER BY d.published DESC, "
                                                  "d.article_id DESC LIMIT 50")
                                << QStringLiteral("article_state_by_read");
        QTest::newRow("tag") << QStringLiteral("SELECT d.article_id FROM article_tags d WHERE d.tag_id = 1 AND "
                                               "(d.published, d.article_id) <= (1, 1) ORDER BY d.published DESC, "
                                               "d.article_id DESC LIMIT 50")
                             << QStringLiteral("article_tags_by_date");
        QTest::newRow("feed") << QStringLiteral("SELECT a.id FROM articles a WHERE a.feed_id = 1 AND "
                                                "(a.published, a.id) <= (1, 1) ORDER BY a.published DESC, a.id DESC "
                                                "LIMIT 50")
                              << QStringLiteral("articles_by_feed");
    }

    void listingQueriesUseTheirIndexes()
    {
        QFETCH(QString, sql);
        QFETCH(QString, index);
        auto plan = query(m_corpus->lib.db().connection(), QStringLiteral("EXPLAIN QUERY PLAN ") + sql);
        QVERIFY(plan.ok());
        QString text;
        while (plan->next())
            text += plan->value(QStringLiteral("detail")).toString() + QLatin1Char('\n');
        QVERIFY2(text.contains(index), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("TEMP B-TREE")), qPrintable(text));
    }

private:
    std::unique_ptr<Corpus> m_corpus;
};

QTEST_GUILESS_MAIN(TestListing)
#include "tst_listing.moc"
