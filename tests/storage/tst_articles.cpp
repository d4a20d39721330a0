#include "storage/articlestore.h"
#include "storage/feedstore.h"
#include "support/testlibrary.h"

#include <QTest>

#include <algorithm>

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

    void markAllReadByFilterAndBack_data()
    {
        QTest::addColumn<ListingFilter>("filter");
        QTest::addColumn<QStringList>("marked"); // guids, newest first
        QTest::newRow("all") << ListingFilter::all() << QStringList{QStringLiteral("c"), QStringLiteral("a")};
        QTest::newRow("one feed") << ListingFilter::byFeed(1) << QStringList{QStringLiteral("a")};
        QTest::newRow("a tag, any case") << ListingFilter::byTag(QStringLiteral("rope"))
                                         << QStringList{QStringLiteral("c")};
        QTest::newRow("starred") << ListingFilter::starred() << QStringList{QStringLiteral("c")};
        QTest::newRow("unread") << ListingFilter::unread() << QStringList{QStringLiteral("c"), QStringLiteral("a")};
    }

    void markAllReadByFilterAndBack()
    {
        QFETCH(ListingFilter, filter);
        QFETCH(QStringList, marked);
        TestLibrary lib;
        const FeedId first = lib.feed();
        const FeedId second = lib.feed(QStringLiteral("https://example.org/other.xml"));
        QCOMPARE(first, 1);
        ArticleStore store(lib.db());
        QVERIFY(store.upsert(first, {article(QStringLiteral("a"), 1000)}).ok());
        QVERIFY(store
                    .upsert(second, {article(QStringLiteral("b"), 2000),
                                     article(QStringLiteral("c"), 3000, {QStringLiteral("RoPE")})})
                    .ok());
        const auto idOf = [&](const QString& guid) {
            const auto page = store.listingPage(ListingFilter::all(), 1, 10);
            for (const ArticleSummary& row : page->articles)
                if (row.title.endsWith(guid))
                    return row.id;
            return ArticleId(0);
        };
        QVERIFY(store.setRead(idOf(QStringLiteral("b")), true).ok()); // read already: not the mark's to undo
        QVERIFY(store.setStarred(idOf(QStringLiteral("c")), true).ok());

        const auto changed = store.markAllRead(filter);
        QVERIFY(changed.ok());
        QList<ArticleId> expected;
        for (const QString& guid : marked)
            expected.append(idOf(guid));
        QList<ArticleId> got = changed.value();
        std::sort(got.begin(), got.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(got, expected);
        for (const ArticleId id : expected)
            QVERIFY(store.article(id)->read);
        QCOMPARE(store.counts()->unread, 2 - marked.size());
        QVERIFY(store.article(idOf(QStringLiteral("c")))->starred);

        QVERIFY(store.markUnread(changed.value()).ok());
        QCOMPARE(store.counts()->unread, 2);
        QVERIFY(store.article(idOf(QStringLiteral("b")))->read);
        QCOMPARE(store.markAllRead(ListingFilter::byFeed(999))->size(), 0);
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
