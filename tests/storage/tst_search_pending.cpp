// Deferred indexing: upsert only queues an article for the search index (search_pending); searchindex::indexPending
// indexes the queue in batches, and search finds nothing queued until then.
#include "storage/articlestore.h"
#include "storage/searchindex.h"
#include "storage/searchstore.h"
#include "storage/sql.h"
#include "support/testlibrary.h"

#include <QSet>
#include <QTest>

using namespace folio;

namespace {

QSet<ArticleId> hits(Database& db, const QString& text)
{
    auto found = SearchStore(db).search(text, SearchSort::Newest, 1, 1000);
    if (!found) {
        qWarning("%s: %s", qPrintable(text), qPrintable(found.error()));
        return {ArticleId(-1)};
    }
    QSet<ArticleId> ids;
    for (const SearchHit& h : found->results)
        ids.insert(h.id);
    return ids;
}

qint64 pending(Database& db)
{
    auto n = searchindex::pendingCount(db.connection());
    return n.ok() ? n.value() : -1;
}

qint64 scalar(Database& db, const QString& sql)
{
    auto q = query(db.connection(), sql);
    return q.ok() && q->next() ? q->value(0).toLongLong() : -1;
}

int indexPending(Database& db, int limit)
{
    auto indexed = searchindex::indexPending(db.connection(), limit);
    if (!indexed.ok())
        qWarning("indexPending: %s", qPrintable(indexed.error()));
    return indexed.ok() ? indexed.value() : -1;
}

// Both indexes hold exactly the entries of the stored text.
bool integrityOk(Database& db)
{
    for (const char* index : {"search_index", "search_chars"}) {
        if (!query(db.connection(),
                   QStringLiteral("INSERT INTO %1 (%1, rank) VALUES ('integrity-check', 1)").arg(QLatin1String(index)))
                 .ok())
            return false;
    }
    return true;
}

Article post(const QString& guid, const QString& content, QStringList tags = {})
{
    Article a = test::article(guid, 1700000000000, std::move(tags));
    a.content = content;
    return a;
}

} // namespace

class TestSearchPending : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void upsertQueuesAndSearchWaitsForTheIndex()
    {
        test::TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        QVERIFY(store
                    .upsert(feed, {post(QStringLiteral("a"), QStringLiteral("梯度检查点 checkpointing"),
                                        {QStringLiteral("NLP")})})
                    .ok());
        // Stored and readable at once, but neither indexed nor found, not even by a query of filters only.
        QCOMPARE(store.count().value(), 1);
        QCOMPARE(store.article(1).value().title, QStringLiteral("Title of a"));
        QCOMPARE(pending(lib.db()), 1);
        QCOMPARE(scalar(lib.db(), QStringLiteral("SELECT count(*) FROM search_text")), 0);
        QVERIFY(hits(lib.db(), QStringLiteral("梯度检查点")).isEmpty());
        QVERIFY(hits(lib.db(), QStringLiteral("tag:NLP")).isEmpty());

        QCOMPARE(indexPending(lib.db(), 100), 1);
        QCOMPARE(pending(lib.db()), 0);
        QCOMPARE(hits(lib.db(), QStringLiteral("梯度检查点")), (QSet<ArticleId>{1}));
        QCOMPARE(hits(lib.db(), QStringLiteral("checkpoint")), (QSet<ArticleId>{1}));
        QCOMPARE(hits(lib.db(), QStringLiteral("tag:NLP")), (QSet<ArticleId>{1}));
        QCOMPARE(indexPending(lib.db(), 100), 0); // nothing left
        QVERIFY(integrityOk(lib.db()));

        // An unchanged article is not queued again.
        QVERIFY(store
                    .upsert(feed, {post(QStringLiteral("a"), QStringLiteral("梯度检查点 checkpointing"),
                                        {QStringLiteral("NLP")})})
                    .ok());
        QCOMPARE(pending(lib.db()), 0);
        QCOMPARE(hits(lib.db(), QStringLiteral("梯度检查点")), (QSet<ArticleId>{1}));
    }

    void changesAreReindexedOnce()
    {
        test::TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        QVERIFY(store.upsert(feed, {post(QStringLiteral("a"), QStringLiteral("旧的文字 oldword"))}).ok());
        QCOMPARE(indexPending(lib.db(), 10), 1);
        QCOMPARE(hits(lib.db(), QStringLiteral("oldword")), (QSet<ArticleId>{1}));

        // Changed twice while waiting: queued once; out of results meanwhile (its indexed text is the old one).
        QVERIFY(store.upsert(feed, {post(QStringLiteral("a"), QStringLiteral("中间 middleword"))}).ok());
        QVERIFY(store.upsert(feed, {post(QStringLiteral("a"), QStringLiteral("新的文字 newword"))}).ok());
        QCOMPARE(pending(lib.db()), 1);
        QVERIFY(hits(lib.db(), QStringLiteral("oldword")).isEmpty());
        QVERIFY(hits(lib.db(), QStringLiteral("newword")).isEmpty());

        QCOMPARE(indexPending(lib.db(), 10), 1);
        QVERIFY(hits(lib.db(), QStringLiteral("oldword")).isEmpty());
        QVERIFY(hits(lib.db(), QStringLiteral("middleword")).isEmpty());
        QVERIFY(hits(lib.db(), QStringLiteral("旧的")).isEmpty());
        QCOMPARE(hits(lib.db(), QStringLiteral("newword")), (QSet<ArticleId>{1}));
        QCOMPARE(hits(lib.db(), QStringLiteral("新的")), (QSet<ArticleId>{1}));
        QVERIFY(hits(lib.db(), QStringLiteral("旧")).isEmpty()); // single characters: the character index
        QCOMPARE(hits(lib.db(), QStringLiteral("新")), (QSet<ArticleId>{1}));
        QCOMPARE(scalar(lib.db(), QStringLiteral("SELECT count(*) FROM search_text")), 1);
        QVERIFY(integrityOk(lib.db()));
    }

    void batchOfNewAndChangedArticles()
    {
        // One batch writes new articles and changed ones together: each is found by its new text only, in both
        // indexes, and nothing else is left behind.
        test::TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        QVERIFY(store
                    .upsert(feed, {post(QStringLiteral("a"), QStringLiteral("甲 alpha")),
                                   post(QStringLiteral("b"), QStringLiteral("乙 beta")),
                                   post(QStringLiteral("c"), QStringLiteral("丙 gamma"))})
                    .ok());
        QCOMPARE(indexPending(lib.db(), 10), 3);
        QVERIFY(store
                    .upsert(feed, {post(QStringLiteral("b"), QStringLiteral("丁 delta")),
                                   post(QStringLiteral("d"), QStringLiteral("戊 epsilon")),
                                   post(QStringLiteral("e"), QStringLiteral("己 beta"))})
                    .ok());
        QCOMPARE(indexPending(lib.db(), 10), 3);
        QCOMPARE(hits(lib.db(), QStringLiteral("beta")), (QSet<ArticleId>{5}));
        QVERIFY(hits(lib.db(), QStringLiteral("乙")).isEmpty());
        QCOMPARE(hits(lib.db(), QStringLiteral("丁")), (QSet<ArticleId>{2}));
        QCOMPARE(hits(lib.db(), QStringLiteral("delta")), (QSet<ArticleId>{2}));
        QCOMPARE(hits(lib.db(), QStringLiteral("epsilon")), (QSet<ArticleId>{4}));
        QCOMPARE(hits(lib.db(), QStringLiteral("甲")), (QSet<ArticleId>{1}));
        QCOMPARE(hits(lib.db(), QStringLiteral("gamma")), (QSet<ArticleId>{3}));
        QCOMPARE(scalar(lib.db(), QStringLiteral("SELECT count(*) FROM search_text")), 5);
        QCOMPARE(pending(lib.db()), 0);
        QVERIFY(integrityOk(lib.db()));
    }

    void deletedWhilePendingVanishes()
    {
        test::TestLibrary lib;
        const FeedId feed = lib.feed();
        const FeedId other = lib.feed(QStringLiteral("https://other.org/feed"), QStringLiteral("Other"));
        ArticleStore store(lib.db());
        QVERIFY(store
                    .upsert(feed, {post(QStringLiteral("a"), QStringLiteral("keep 保留")),
                                   post(QStringLiteral("b"), QStringLiteral("gone 删除"))})
                    .ok());
        QVERIFY(store.upsert(other, {post(QStringLiteral("c"), QStringLiteral("gone 删除"))}).ok());
        QCOMPARE(pending(lib.db()), 3);
        QVERIFY(query(lib.db().connection(), QStringLiteral("DELETE FROM articles WHERE guid = 'b'")).ok());
        QVERIFY(query(lib.db().connection(), QStringLiteral("DELETE FROM feeds WHERE id = ?"), {other}).ok());
        QCOMPARE(pending(lib.db()), 1);

        QCOMPARE(indexPending(lib.db(), 10), 1);
        QCOMPARE(hits(lib.db(), QStringLiteral("keep")), (QSet<ArticleId>{1}));
        QVERIFY(hits(lib.db(), QStringLiteral("gone")).isEmpty());
        QCOMPARE(scalar(lib.db(), QStringLiteral("SELECT count(*) FROM search_text")), 1);
        QVERIFY(integrityOk(lib.db()));
    }

    void indexesInBatchesOldestFirst()
    {
        test::TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        QList<Article> posts;
        for (int i = 0; i < 25; ++i)
            posts.append(post(QStringLiteral("p%1").arg(i), QStringLiteral("共同 common word%1").arg(i)));
        QVERIFY(store.upsert(feed, posts).ok());
        QCOMPARE(pending(lib.db()), 25);

        QCOMPARE(indexPending(lib.db(), 10), 10);
        QCOMPARE(pending(lib.db()), 15);
        QCOMPARE(hits(lib.db(), QStringLiteral("common")).size(), 10);
        QCOMPARE(hits(lib.db(), QStringLiteral("word0")), (QSet<ArticleId>{1})); // the first stored, first
        QVERIFY(hits(lib.db(), QStringLiteral("word24")).isEmpty());
        QCOMPARE(indexPending(lib.db(), 1), 1);
        QCOMPARE(hits(lib.db(), QStringLiteral("word10")), (QSet<ArticleId>{11}));

        auto rest = searchindex::indexAllPending(lib.db().connection(), 4);
        QVERIFY(rest.ok());
        QCOMPARE(rest.value(), 14);
        QCOMPARE(pending(lib.db()), 0);
        QCOMPARE(hits(lib.db(), QStringLiteral("共同")).size(), 25);
        QVERIFY(!searchindex::indexPending(lib.db().connection(), 0).ok());
        QVERIFY(integrityOk(lib.db()));
    }

    // A batch at a time with the next read ahead: an article changed after it was read ahead is indexed with its new
    // text at a later step, one stored meanwhile is found, and a step finds nothing only when nothing is pending.
    void indexerStepsWithTheNextBatchReadAhead()
    {
        test::TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        QList<Article> posts;
        for (int i = 0; i < 12; ++i)
            posts.append(post(QStringLiteral("p%1").arg(i), QStringLiteral("共同 common word%1").arg(i)));
        QVERIFY(store.upsert(feed, posts).ok());

        searchindex::PendingIndexer indexer(5);
        auto first = indexer.step(lib.db().connection()); // p0–p4; p5–p9 read ahead
        QVERIFY(first.ok());
        QCOMPARE(first.value(), 5);
        QCOMPARE(pending(lib.db()), 7);
        // p6 changes after it was read ahead; p12 is stored behind the read-ahead.
        QVERIFY(store.upsert(feed, {post(QStringLiteral("p6"), QStringLiteral("改过 rewritten"))}).ok());
        QVERIFY(store.upsert(feed, {post(QStringLiteral("p12"), QStringLiteral("共同 latecomer"))}).ok());
        int steps = 0;
        for (;;) {
            auto step = indexer.step(lib.db().connection());
            QVERIFY(step.ok());
            if (step.value() == 0)
                break;
            QVERIFY(++steps < 10);
        }
        QCOMPARE(pending(lib.db()), 0);
        QVERIFY(hits(lib.db(), QStringLiteral("word6")).isEmpty());
        QCOMPARE(hits(lib.db(), QStringLiteral("rewritten")), (QSet<ArticleId>{7}));
        QCOMPARE(hits(lib.db(), QStringLiteral("latecomer")), (QSet<ArticleId>{13}));
        QCOMPARE(hits(lib.db(), QStringLiteral("共同")).size(), 12);
        QVERIFY(integrityOk(lib.db()));
        auto idle = indexer.step(lib.db().connection());
        QVERIFY(idle.ok());
        QCOMPARE(idle.value(), 0);
    }

    void pendingSurvivesReopening()
    {
        test::TestLibrary lib;
        const FeedId feed = lib.feed();
        QVERIFY(ArticleStore(lib.db()).upsert(feed, {post(QStringLiteral("a"), QStringLiteral("persisted"))}).ok());
        lib.close(); // as after a crash before indexing
        auto reopened = Database::open(lib.path());
        QVERIFY(reopened.ok());
        Database& db = *reopened.value();
        QCOMPARE(pending(db), 1);
        QVERIFY(hits(db, QStringLiteral("persisted")).isEmpty());
        QCOMPARE(indexPending(db, 10), 1);
        QCOMPARE(hits(db, QStringLiteral("persisted")), (QSet<ArticleId>{1}));
    }
};

QTEST_GUILESS_MAIN(TestSearchPending)
#include "tst_search_pending.moc"
