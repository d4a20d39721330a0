#include "storage/articlestore.h"
#include "storage/feedstore.h"
#include "support/testlibrary.h"

#include <QTest>

using namespace folio;
using namespace folio::test;

class TestArticles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void insertThenReadBack()
    {
        TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        Article a = article(QStringLiteral("rope"), 1767225600000, {QStringLiteral("RoPE"), QStringLiteral("NLP")});
        a.author = QStringLiteral("苏");
        a.updated = at(1767312000000);
        a.contentFormat = ContentFormat::Html;
        auto counts = store.upsert(feed, {a});
        QVERIFY(counts.ok());
        QCOMPARE(counts->inserted, 1);

        auto back = store.article(1);
        QVERIFY(back.ok());
        QCOMPARE(back->guid, a.guid);
        QCOMPARE(back->title, a.title);
        QCOMPARE(back->author, a.author);
        QCOMPARE(back->published, a.published);
        QCOMPARE(back->updated, a.updated);
        QCOMPARE(back->content, a.content);
        QCOMPARE(back->contentFormat, ContentFormat::Html);
        QCOMPARE(back->tags, a.tags);
        QCOMPARE(back->feedTitle, QStringLiteral("Example"));
        QVERIFY(!back->read);
        QVERIFY(!back->starred);
        QVERIFY(!store.article(2).ok());
    }

    void reUpsertIsIdempotent()
    {
        TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        const QList<Article> batch = {article(QStringLiteral("a"), 1000, {QStringLiteral("x")}),
                                      article(QStringLiteral("b"), 2000)};
        QCOMPARE(store.upsert(feed, batch)->inserted, 2);
        auto again = store.upsert(feed, batch);
        QVERIFY(again.ok());
        QCOMPARE(again->inserted, 0);
        QCOMPARE(again->updated, 0);
        QCOMPARE(again->unchanged, 2);
        QCOMPARE(store.count().value(), 2);
    }

    void changedArticleUpdatesInPlaceKeepingState()
    {
        TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        Article a = article(QStringLiteral("a"), 1000, {QStringLiteral("old"), QStringLiteral("kept")});
        QVERIFY(store.upsert(feed, {a}).ok());
        QVERIFY(store.setRead(1, true).ok());
        QVERIFY(store.setStarred(1, true).ok());

        a.title = QStringLiteral("New title");
        a.content += QStringLiteral("\n\nMore.");
        a.published = at(5000);
        a.tags = {QStringLiteral("kept"), QStringLiteral("new")};
        auto counts = store.upsert(feed, {a});
        QVERIFY(counts.ok());
        QCOMPARE(counts->updated, 1);
        QCOMPARE(store.count().value(), 1);

        auto back = store.article(1);
        QCOMPARE(back->title, QStringLiteral("New title"));
        QCOMPARE(back->published, at(5000));
        QCOMPARE(back->tags, (QStringList{QStringLiteral("kept"), QStringLiteral("new")}));
        QVERIFY(back->read);
        QVERIFY(back->starred);

        // The tag no article carries any more is gone; the moved date reached the state and tag listings.
        auto tags = store.tagCounts();
        QCOMPARE(tags->size(), 2);
        QCOMPARE(tags->at(0).name, QStringLiteral("kept"));
        auto starred = store.listingPage(ListingFilter::starred(), 1, 10);
        QCOMPARE(starred->articles.size(), 1);
        QCOMPARE(starred->articles.front().published, at(5000));
        auto tagged = store.listingPage(ListingFilter::byTag(QStringLiteral("new")), 1, 10);
        QCOMPARE(tagged->articles.front().published, at(5000));
    }

    void sameGuidInTwoFeedsIsTwoArticles()
    {
        TestLibrary lib;
        const FeedId one = lib.feed(QStringLiteral("https://a.example/feed"));
        const FeedId two = lib.feed(QStringLiteral("https://b.example/feed"));
        ArticleStore store(lib.db());
        QVERIFY(store.upsert(one, {article(QStringLiteral("post-1"), 1000)}).ok());
        QVERIFY(store.upsert(two, {article(QStringLiteral("post-1"), 1000)}).ok());
        QCOMPARE(store.count().value(), 2);
    }

    void tagsAreUniqueRegardlessOfCase()
    {
        TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        QVERIFY(store
                    .upsert(feed, {article(QStringLiteral("a"), 1000, {QStringLiteral("NLP"), QStringLiteral("nlp")}),
                                   article(QStringLiteral("b"), 2000, {QStringLiteral("Nlp ")}),
                                   article(QStringLiteral("c"), 3000, {QStringLiteral("位置编码")})})
                    .ok());
        auto tags = store.tagCounts();
        QVERIFY(tags.ok());
        QCOMPARE(tags->size(), 2);
        QCOMPARE(tags->at(0).name, QStringLiteral("NLP"));
        QCOMPARE(tags->at(0).count, 2);
        QCOMPARE(tags->at(1).name, QStringLiteral("位置编码"));
        QCOMPARE(tags->at(1).count, 1);
        QCOMPARE(store.article(2)->tags, QStringList{QStringLiteral("NLP")});
    }

    void readAndStarToggle()
    {
        TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        QVERIFY(store.upsert(feed, {article(QStringLiteral("a"), 1000), article(QStringLiteral("b"), 2000)}).ok());
        QVERIFY(store.setRead(1, true).ok());
        QCOMPARE(store.listingPage(ListingFilter::unread(), 1, 10)->total, 1);
        QVERIFY(store.setRead(1, false).ok());
        QCOMPARE(store.listingPage(ListingFilter::unread(), 1, 10)->total, 2);
        QVERIFY(store.setStarred(2, true).ok());
        QCOMPARE(store.listingPage(ListingFilter::starred(), 1, 10)->articles.front().id, 2);
    }

    void failedBatchWritesNothing()
    {
        TestLibrary lib;
        ArticleStore store(lib.db());
        // Feed 99 does not exist: the foreign key fails on the second article after the first was inserted.
        const FeedId feed = lib.feed();
        QVERIFY(store.upsert(feed, {article(QStringLiteral("kept"), 500)}).ok());
        auto result = store.upsert(99, {article(QStringLiteral("a"), 1000), article(QStringLiteral("b"), 2000)});
        QVERIFY(!result.ok());
        QVERIFY(result.error().contains(QStringLiteral("FOREIGN KEY")));
        QCOMPARE(store.count().value(), 1);
        // The connection is usable again after the rollback.
        QVERIFY(store.upsert(feed, {article(QStringLiteral("later"), 3000)}).ok());
        QCOMPARE(store.count().value(), 2);
    }

    void feedsCountUnreadAndTotal()
    {
        TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        QVERIFY(store.upsert(feed, {article(QStringLiteral("a"), 1000), article(QStringLiteral("b"), 2000)}).ok());
        QVERIFY(store.setRead(1, true).ok());
        auto feeds = FeedStore(lib.db()).feeds();
        QVERIFY(feeds.ok());
        QCOMPARE(feeds->size(), 1);
        QCOMPARE(feeds->front().total, 2);
        QCOMPARE(feeds->front().unread, 1);
        QCOMPARE(FeedStore(lib.db()).ensure(FeedKind::Web, feeds->front().url, QStringLiteral("other")).value(), feed);
    }
};

QTEST_GUILESS_MAIN(TestArticles)
#include "tst_articles.moc"
