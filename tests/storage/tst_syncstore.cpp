#include "storage/articlestore.h"
#include "storage/feedstore.h"
#include "storage/sql.h"
#include "storage/syncstore.h"
#include "support/testlibrary.h"

#include <QTest>

using namespace folio;
using namespace folio::test;

namespace {

FetchedFeed fetched(QList<FetchedArticle> articles)
{
    FetchedFeed f;
    f.title = QStringLiteral("Fetched title");
    f.siteUrl = QStringLiteral("https://example.org/");
    f.state.etag = QStringLiteral("\"v1\"");
    f.state.lastModified = QStringLiteral("Sun, 29 Nov 2026 10:00:00 GMT");
    f.state.lastHash = QByteArray("hash-1");
    f.state.nextFetch = at(2'000'000'000'000);
    f.state.ttlMinutes = 120;
    f.articles = std::move(articles);
    return f;
}

} // namespace

class TestSyncStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void storeFetchKeepsStateAndUpdatesInPlace()
    {
        TestLibrary lib;
        const FeedId feed = lib.feed();
        SyncStore sync(lib.db());
        ArticleStore articles(lib.db());

        auto first = sync.storeFetch(
            feed, fetched({{article(QStringLiteral("a"), 1000), {}}, {article(QStringLiteral("b"), 2000), {}}}));
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error()));
        QCOMPARE(first->inserted, 2);
        const ArticleId a = articles.listingPage(ListingFilter::all(), 1, 10)->articles.at(1).id;
        QVERIFY(articles.setRead(a, true).ok());
        QVERIFY(articles.setStarred(a, true).ok());

        Article changed = article(QStringLiteral("a"), 1000);
        changed.title = QStringLiteral("A new title");
        auto second = sync.storeFetch(feed, fetched({{changed, {}}}));
        QVERIFY(second.ok());
        QCOMPARE(second->updated, 1);
        QCOMPARE(articles.count().value(), 2); // "b" vanished from the feed and is kept
        auto stored = articles.article(a);
        QCOMPARE(stored->title, QStringLiteral("A new title"));
        QVERIFY(stored->read);
        QVERIFY(stored->starred);

        auto f = FeedStore(lib.db()).feed(feed);
        QVERIFY(f.ok());
        QCOMPARE(f->title, QStringLiteral("Fetched title"));
        QCOMPARE(f->fetch.etag, QStringLiteral("\"v1\""));
        QCOMPARE(f->fetch.lastHash, QByteArray("hash-1"));
        QCOMPARE(f->fetch.ttlMinutes, 120);
        QCOMPARE(f->fetch.nextFetch, at(2'000'000'000'000));
        QVERIFY(f->lastSuccess.isValid());
    }

    void failedFetchStoreLeavesNothing()
    {
        // An article that cannot be stored (a trigger refuses it) rolls back the whole fetch: no articles, no
        // new validators, so the next sync fetches and tries again.
        TestLibrary lib;
        const FeedId feed = lib.feed();
        QVERIFY(query(lib.db().connection(),
                      QStringLiteral("CREATE TEMP TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.guid = 'bad' "
                                     "BEGIN SELECT RAISE(ABORT, 'refused'); END"))
                    .ok());
        auto stored = SyncStore(lib.db()).storeFetch(
            feed, fetched({{article(QStringLiteral("ok"), 1000), {QStringLiteral("https://example.org/i.png")}},
                           {article(QStringLiteral("bad"), 2000), {}}}));
        QVERIFY(!stored.ok());
        QVERIFY(stored.error().contains(QStringLiteral("refused")));
        QCOMPARE(ArticleStore(lib.db()).count().value(), 0);
        auto f = FeedStore(lib.db()).feed(feed);
        QVERIFY(f->fetch.etag.isEmpty());
        QVERIFY(!f->lastSuccess.isValid());
        QVERIFY(SyncStore(lib.db()).pendingAssets(10)->isEmpty());
        // The connection is usable afterwards: no transaction was left open.
        QVERIFY(SyncStore(lib.db()).storeFetch(feed, fetched({{article(QStringLiteral("ok"), 1000), {}}})).ok());
    }

    void assetsAreQueuedCachedAndShared()
    {
        TestLibrary lib;
        const FeedId feed = lib.feed();
        SyncStore sync(lib.db());
        const QString one = QStringLiteral("https://example.org/one.png");
        const QString same = QStringLiteral("https://cdn.example.org/same-bytes.png");
        auto f =
            fetched({{article(QStringLiteral("a"), 1000), {one, same}}, {article(QStringLiteral("b"), 2000), {one}}});
        f.iconUrl = QStringLiteral("https://example.org/favicon.ico");
        QVERIFY(sync.storeFetch(feed, f).ok());

        auto pending = sync.pendingAssets(10, feed);
        QVERIFY(pending.ok());
        QCOMPARE(pending->size(), 3);
        QCOMPARE(pending->at(0).article, 0); // the icon first
        QCOMPARE(pending->at(0).url, f.iconUrl);

        QVERIFY(sync.storeAsset(one, "image/png", QByteArray("PNGDATA")).ok());
        QVERIFY(sync.storeAsset(same, "image/png", QByteArray("PNGDATA")).ok());
        auto cached = sync.asset(same);
        QVERIFY(cached.ok() && cached->has_value());
        QCOMPARE(cached->value().data, QByteArray("PNGDATA"));
        QCOMPARE(cached->value().mime, QByteArray("image/png"));
        auto blobs = query(lib.db().connection(), QStringLiteral("SELECT count(*) FROM asset_data"));
        QVERIFY(blobs.ok() && blobs->next());
        QCOMPARE(blobs->value(0).toInt(), 1); // content-addressed: one copy of the same bytes
        blobs->finish();
        QCOMPARE(sync.cachedBytes(pending->at(1).article).value(), 14);

        for (int i = 0; i < SyncStore::kMaxAssetAttempts; ++i)
            QVERIFY(sync.recordAssetFailure(f.iconUrl, QStringLiteral("HTTP 500"), false).ok());
        QVERIFY(sync.pendingAssets(10)->isEmpty()); // given up on after three tries
        QVERIFY(!sync.asset(f.iconUrl)->has_value());
    }

    void feedsAreRenamedMovedScheduledAndRemoved()
    {
        TestLibrary lib;
        FeedStore feeds(lib.db());
        const FeedId feed = lib.feed(QStringLiteral("https://a.example/feed"), QStringLiteral("Own title"));
        const FeedId other = lib.feed(QStringLiteral("https://b.example/feed"), QStringLiteral("Other"));
        QVERIFY(
            SyncStore(lib.db())
                .storeFetch(feed, fetched({{article(QStringLiteral("a"), 1000, {QStringLiteral("only-here")}), {}}}))
                .ok());

        QVERIFY(feeds.rename(feed, QStringLiteral("  My name ")).ok());
        QCOMPARE(feeds.feed(feed)->title, QStringLiteral("My name"));
        QVERIFY(feeds.feed(feed)->renamed);
        // A later fetch does not undo the rename.
        QVERIFY(SyncStore(lib.db()).storeFetch(feed, fetched({})).ok());
        QCOMPARE(feeds.feed(feed)->title, QStringLiteral("My name"));
        QVERIFY(feeds.rename(feed, QString()).ok());
        QCOMPARE(feeds.feed(feed)->title, QStringLiteral("Fetched title"));

        QVERIFY(!feeds.moveTo(feed, QStringLiteral("https://b.example/feed")).ok());
        QVERIFY(feeds.moveTo(feed, QStringLiteral("https://a.example/new-feed")).ok());
        QCOMPARE(feeds.feedByUrl(QStringLiteral("https://a.example/new-feed"))->value().id, feed);

        const QDateTime now = at(1'900'000'000'000);
        QVERIFY(feeds.recordError(other, QStringLiteral("HTTP 500"), now.addSecs(3600)).ok());
        QCOMPARE(feeds.feed(other)->fetch.errorCount, 1);
        QCOMPARE(feeds.feed(other)->lastError, QStringLiteral("HTTP 500"));
        QCOMPARE(feeds.dueFeeds(now).value(), (QList<FeedId>{})); // feed is scheduled later, other too
        QCOMPARE(feeds.dueFeeds(now.addSecs(3600)).value(), (QList<FeedId>{other}));
        FeedFetchState ok;
        ok.etag = QStringLiteral("e");
        QVERIFY(feeds.recordUnchanged(other, ok).ok());
        QCOMPARE(feeds.feed(other)->fetch.errorCount, 0);
        QVERIFY(feeds.feed(other)->lastError.isEmpty());
        QCOMPARE(feeds.dueFeeds(now).value(), (QList<FeedId>{other})); // no next fetch: due now

        QVERIFY(feeds.remove(feed).ok());
        QVERIFY(!feeds.feed(feed).ok());
        QCOMPARE(ArticleStore(lib.db()).count().value(), 0);
        QVERIFY(ArticleStore(lib.db()).tagCounts()->isEmpty());
        QVERIFY(!feeds.remove(feed).ok());
    }

    void innerTransactionJoinsOuter()
    {
        TestLibrary lib;
        const FeedId feed = lib.feed();
        {
            Transaction outer(lib.db().connection());
            QVERIFY(outer.begin().ok());
            QVERIFY(ArticleStore(lib.db()).upsert(feed, {article(QStringLiteral("a"), 1000)}).ok());
            // Not committed: leaving the scope rolls the inner, committed work back too.
        }
        QCOMPARE(ArticleStore(lib.db()).count().value(), 0);
        QVERIFY(ArticleStore(lib.db()).upsert(feed, {article(QStringLiteral("a"), 1000)}).ok());
        QCOMPARE(ArticleStore(lib.db()).count().value(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncStore)
#include "tst_syncstore.moc"
