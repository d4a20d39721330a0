// Syncing through a real HTTP server on 127.0.0.1 into a real library file.
#include "storage/articlestore.h"
#include "storage/feedstore.h"
#include "storage/searchstore.h"
#include "storage/syncstore.h"
#include "support/httpserver.h"
#include "support/testlibrary.h"
#include "sync/feedsync.h"
#include "sync/httpfetcher.h"

#include <QSignalSpy>
#include <QTest>
#include <algorithm>

using namespace folio;
using namespace folio::test;

namespace {

struct Item {
    QString guid;
    QString title;
    QString body = QStringLiteral("<p>Body</p>");
};

QByteArray rss(const QList<Item>& items, const QString& title = QStringLiteral("Test blog"))
{
    QString xml = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                                 "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
                                 "<title>%1</title><link>http://127.0.0.1/</link>")
                      .arg(title);
    int day = 1;
    for (const Item& item : items) {
        xml += QStringLiteral("<item><guid>%1</guid><title>%2</title><link>http://127.0.0.1/%1</link>"
                              "<pubDate>%3 Nov 2026 10:00:00 GMT</pubDate><category>NLP</category>"
                              "<content:encoded><![CDATA[%4]]></content:encoded></item>")
                   .arg(item.guid, item.title)
                   .arg(day++, 2, 10, QLatin1Char('0'))
                   .arg(item.body);
    }
    return (xml + QStringLiteral("</channel></rss>")).toUtf8();
}

QList<Item> items(int n, const QString& prefix = QStringLiteral("item"))
{
    QList<Item> list;
    for (int i = 1; i <= n; ++i)
        list.append({QStringLiteral("%1-%2").arg(prefix).arg(i), QStringLiteral("Title %1 位置编码").arg(i)});
    return list;
}

// Runs `start` and waits for the sync to finish; returns its summary.
template <typename Start> SyncSummary runSync(FeedSync& sync, Start start, int timeoutMs = 20'000)
{
    QSignalSpy finished(&sync, &FeedSync::finished);
    start();
    if (finished.isEmpty() && !finished.wait(timeoutMs))
        qFatal("sync did not finish");
    return finished.takeFirst().at(0).value<SyncSummary>();
}

FeedSyncResult only(const SyncSummary& summary)
{
    if (summary.feeds.size() != 1)
        qFatal("expected one feed, got %d", int(summary.feeds.size()));
    return summary.feeds.first();
}

SyncOptions quickOptions()
{
    SyncOptions o;
    o.timeoutMs = 1'000;
    return o;
}

} // namespace

class TestFeedSync : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<SyncSummary>(); }

    void firstSyncThenConditionalGet()
    {
        HttpServer server;
        QVERIFY(server.listening());
        server.route("/feed.xml", [](const SeenRequest& r) {
            if (r.header("if-none-match") == "\"v1\"")
                return Answer::code(304);
            Answer a = Answer::ok(rss(items(3)));
            a.with("ETag", "\"v1\"");
            a.with("Last-Modified", "Sun, 29 Nov 2026 10:00:00 GMT");
            return a;
        });
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/feed.xml")).toString());
        FeedSync sync(lib.path(), quickOptions());

        const FeedSyncResult first = only(runSync(sync, [&] { sync.syncFeeds({feed}); }));
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QCOMPARE(first.inserted, 3);
        QCOMPARE(first.title, QStringLiteral("Test blog"));
        QCOMPARE(ArticleStore(lib.db()).count().value(), 3);
        QVERIFY(server.lastRequestFor("/feed.xml")->header("user-agent").startsWith("Folio/"));
        QVERIFY(server.lastRequestFor("/feed.xml")->header("if-none-match").isEmpty());

        const FeedSyncResult second = only(runSync(sync, [&] { sync.syncFeeds({feed}); }));
        QVERIFY(second.error.isEmpty());
        QVERIFY(second.notModified);
        const SeenRequest* again = server.lastRequestFor("/feed.xml");
        QCOMPARE(again->header("if-none-match"), QByteArray("\"v1\""));
        QCOMPARE(again->header("if-modified-since"), QByteArray("Sun, 29 Nov 2026 10:00:00 GMT"));
        QCOMPARE(ArticleStore(lib.db()).count().value(), 3);
        auto stored = FeedStore(lib.db()).feed(feed);
        QVERIFY(stored->lastSuccess.isValid());
        QVERIFY(stored->fetch.nextFetch > QDateTime::currentDateTimeUtc().addSecs(50 * 60));
    }

    void changedItemIsUpdatedInPlace()
    {
        HttpServer server;
        QList<Item> list = items(2);
        server.route("/feed.xml", [&list](const SeenRequest&) { return Answer::ok(rss(list)); });
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/feed.xml")).toString());
        FeedSync sync(lib.path(), quickOptions());
        QCOMPARE(only(runSync(sync, [&] { sync.syncFeeds({feed}); })).inserted, 2);

        ArticleStore store(lib.db());
        const ArticleId first = store.listingPage(ListingFilter::all(), 1, 10)->articles.last().id;
        QVERIFY(store.setRead(first, true).ok());
        QVERIFY(store.setStarred(first, true).ok());

        // The same body again: not even parsed (no validators from this server, the hash decides).
        QVERIFY(only(runSync(sync, [&] { sync.syncFeeds({feed}); })).notModified);

        list[0].title = QStringLiteral("A corrected title");
        list.append({QStringLiteral("item-3"), QStringLiteral("New")});
        const FeedSyncResult changed = only(runSync(sync, [&] { sync.syncFeeds({feed}); }));
        QCOMPARE(changed.inserted, 1);
        QCOMPARE(changed.updated, 1);
        QCOMPARE(changed.unchanged, 1);
        QCOMPARE(store.count().value(), 3);
        auto article = store.article(first);
        QCOMPARE(article->title, QStringLiteral("A corrected title"));
        QVERIFY(article->read);
        QVERIFY(article->starred);

        // Items that leave the feed stay in the library.
        list = {list.last()};
        QVERIFY(only(runSync(sync, [&] { sync.syncFeeds({feed}); })).error.isEmpty());
        QCOMPARE(store.count().value(), 3);
    }

    void redirectsAreFollowedAndPermanentOnesMoveTheFeed_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("moves");
        QTest::newRow("301") << 301 << true;
        QTest::newRow("302") << 302 << false;
        QTest::newRow("307") << 307 << false;
        QTest::newRow("308") << 308 << true;
    }
    void redirectsAreFollowedAndPermanentOnesMoveTheFeed()
    {
        QFETCH(int, code);
        QFETCH(bool, moves);
        HttpServer server;
        server.route("/old.xml", Answer::redirect(code, "/new.xml"));
        server.route("/new.xml", Answer::ok(rss(items(1))));
        TestLibrary lib;
        const QString old = server.url(QStringLiteral("/old.xml")).toString();
        const FeedId feed = lib.feed(old);
        FeedSync sync(lib.path(), quickOptions());
        const FeedSyncResult result = only(runSync(sync, [&] { sync.syncFeeds({feed}); }));
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.inserted, 1);
        QCOMPARE(FeedStore(lib.db()).feed(feed)->url, moves ? server.url(QStringLiteral("/new.xml")).toString() : old);
    }

    void redirectLoopsAndLongChainsFail()
    {
        HttpServer server;
        server.route("/a", Answer::redirect(302, "/b"));
        server.route("/b", Answer::redirect(302, "/a"));
        for (int i = 0; i < 7; ++i)
            server.route("/hop" + QByteArray::number(i), Answer::redirect(301, "/hop" + QByteArray::number(i + 1)));
        TestLibrary lib;
        const FeedId loop = lib.feed(server.url(QStringLiteral("/a")).toString());
        const FeedId chain = lib.feed(server.url(QStringLiteral("/hop0")).toString());
        FeedSync sync(lib.path(), quickOptions());
        const SyncSummary summary = runSync(sync, [&] { sync.syncFeeds({loop, chain}); });
        QCOMPARE(summary.errors(), 2);
        QVERIFY(FeedStore(lib.db()).feed(loop)->lastError.contains(QStringLiteral("loop")));
        QVERIFY(FeedStore(lib.db()).feed(chain)->lastError.contains(QStringLiteral("more than 5 redirects")));
        QCOMPARE(server.requestsFor("/hop6"), 0);
    }

    void httpErrorsAreRecordedAndBackedOff_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("404") << 404 << QStringLiteral("HTTP 404");
        QTest::newRow("500") << 500 << QStringLiteral("HTTP 500");
    }
    void httpErrorsAreRecordedAndBackedOff()
    {
        QFETCH(int, code);
        QFETCH(QString, expected);
        HttpServer server;
        server.route("/feed.xml", Answer::code(code));
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/feed.xml")).toString());
        FeedSync sync(lib.path(), quickOptions());
        const QDateTime before = QDateTime::currentDateTimeUtc();
        QVERIFY(only(runSync(sync, [&] { sync.syncFeeds({feed}); })).error.startsWith(expected));
        auto stored = FeedStore(lib.db()).feed(feed);
        QVERIFY(stored->lastError.startsWith(expected));
        QCOMPARE(stored->fetch.errorCount, 1);
        QVERIFY(stored->fetch.nextFetch >= before.addSecs(15 * 60));
        QVERIFY(only(runSync(sync, [&] { sync.syncFeeds({feed}); })).error.startsWith(expected));
        stored = FeedStore(lib.db()).feed(feed);
        QCOMPARE(stored->fetch.errorCount, 2);
        QVERIFY(stored->fetch.nextFetch >= before.addSecs(30 * 60)); // doubled
    }

    void retryAfterIsHonoured()
    {
        HttpServer server;
        server.route("/busy.xml", Answer::code(429, {{"Retry-After", "7200"}}));
        server.route("/other.xml", Answer::ok(rss(items(1))));
        TestLibrary lib;
        const FeedId busy = lib.feed(server.url(QStringLiteral("/busy.xml")).toString());
        const FeedId other = lib.feed(server.url(QStringLiteral("/other.xml")).toString());
        FeedSync sync(lib.path(), quickOptions());
        const QDateTime before = QDateTime::currentDateTimeUtc();
        QVERIFY(only(runSync(sync, [&] { sync.syncFeeds({busy}); })).error.contains(QStringLiteral("429")));
        QVERIFY(FeedStore(lib.db()).feed(busy)->fetch.nextFetch >= before.addSecs(7200));
        // The host asked for two hours of quiet: no request goes to it meanwhile, whatever the feed.
        const FeedSyncResult held = only(runSync(sync, [&] { sync.syncFeeds({other}); }));
        QVERIFY(held.error.contains(QStringLiteral("wait")));
        QCOMPARE(server.requestsFor("/other.xml"), 0);
        QCOMPARE(server.requestsFor("/busy.xml"), 1);
    }

    void stalledServerTimesOut()
    {
        HttpServer server;
        Answer stall;
        stall.mode = Answer::Mode::Stall;
        server.route("/stall.xml", stall);
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/stall.xml")).toString());
        SyncOptions options;
        options.timeoutMs = 300;
        FeedSync sync(lib.path(), options);
        const FeedSyncResult result = only(runSync(sync, [&] { sync.syncFeeds({feed}); }));
        QVERIFY2(result.error.contains(QStringLiteral("no data")), qPrintable(result.error));
        QCOMPARE(ArticleStore(lib.db()).count().value(), 0);
    }

    void tricklingServerHitsTheDeadline()
    {
        HttpServer server;
        Answer trickle = Answer::ok("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Slow</title>");
        trickle.mode = Answer::Mode::Trickle;
        server.route("/trickle.xml", trickle);
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/trickle.xml")).toString());
        SyncOptions options;
        options.timeoutMs = 300; // longer than the gaps between the bytes: only the deadline can end it
        options.deadlineMs = 800;
        FeedSync sync(lib.path(), options);
        const FeedSyncResult result = only(runSync(sync, [&] { sync.syncFeeds({feed}); }));
        QVERIFY2(result.error.contains(QStringLiteral("took longer than 0.8 s")), qPrintable(result.error));
        QCOMPARE(ArticleStore(lib.db()).count().value(), 0);
        QVERIFY(FeedStore(lib.db()).feed(feed)->lastError.contains(QStringLiteral("took longer")));
    }

    void bodyCutShortStoresNothing()
    {
        HttpServer server;
        Answer cut = Answer::ok(rss(items(5)));
        cut.mode = Answer::Mode::CutShort;
        server.route("/cut.xml", cut);
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/cut.xml")).toString());
        FeedSync sync(lib.path(), quickOptions());
        const FeedSyncResult result = only(runSync(sync, [&] { sync.syncFeeds({feed}); }));
        QVERIFY2(result.error.contains(QStringLiteral("closed the connection")), qPrintable(result.error));
        QCOMPARE(ArticleStore(lib.db()).count().value(), 0);
        QVERIFY(FeedStore(lib.db()).feed(feed)->fetch.etag.isEmpty());
    }

    void oversizedResponsesAreRefused_data()
    {
        QTest::addColumn<bool>("declared");
        QTest::newRow("Content-Length: 50 MB") << true;
        QTest::newRow("endless body") << false;
    }
    void oversizedResponsesAreRefused()
    {
        QFETCH(bool, declared);
        HttpServer server;
        Answer big;
        big.mode = Answer::Mode::Endless;
        big.with("Content-Type", "application/rss+xml");
        if (declared)
            big.with("Content-Length", QByteArray::number(50 * 1024 * 1024));
        server.route("/big.xml", big);
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/big.xml")).toString());
        SyncOptions options = quickOptions();
        options.maxFeedBytes = 4 * 1024 * 1024;
        FeedSync sync(lib.path(), options);
        const FeedSyncResult result = only(runSync(sync, [&] { sync.syncFeeds({feed}); }));
        QVERIFY2(result.error.contains(QStringLiteral("larger than 4 MB")), qPrintable(result.error));
        QCOMPARE(ArticleStore(lib.db()).count().value(), 0);
    }

    void compressedAndMislabelledFeedsAreRead()
    {
        HttpServer server;
        Answer deflated = Answer::ok(qCompress(rss(items(2))).mid(4)); // a zlib stream: Content-Encoding deflate
        deflated.with("Content-Encoding", "deflate");
        server.route("/deflate.xml", deflated);
        server.route("/plain.txt", Answer::ok(rss(items(2, QStringLiteral("t"))), "text/plain"));
        TestLibrary lib;
        const FeedId a = lib.feed(server.url(QStringLiteral("/deflate.xml")).toString());
        const FeedId b = lib.feed(server.url(QStringLiteral("/plain.txt")).toString());
        FeedSync sync(lib.path(), quickOptions());
        const SyncSummary summary = runSync(sync, [&] { sync.syncFeeds({a, b}); });
        QCOMPARE(summary.errors(), 0);
        QCOMPARE(summary.newArticles(), 4);
        QVERIFY(server.lastRequestFor("/deflate.xml")->header("accept-encoding").contains("deflate"));
    }

    void brokenXmlKeepsItemsAndGarbageFailsAlone()
    {
        HttpServer server;
        QByteArray sloppy = rss({{QStringLiteral("e1"), QStringLiteral("AT&T &amp; friends&nbsp;&mdash; 2026")},
                                 {QStringLiteral("e2"), QStringLiteral("Caf&eacute; &copy;")}});
        server.route("/sloppy.xml", Answer::ok(sloppy));
        server.route("/garbage.xml", Answer::ok(QByteArray("\x01\x02 this is { not a feed ] at all", 34)));
        server.route("/good.xml", Answer::ok(rss(items(2))));
        TestLibrary lib;
        const FeedId sloppyFeed = lib.feed(server.url(QStringLiteral("/sloppy.xml")).toString());
        const FeedId garbage = lib.feed(server.url(QStringLiteral("/garbage.xml")).toString());
        const FeedId good = lib.feed(server.url(QStringLiteral("/good.xml")).toString());
        FeedSync sync(lib.path(), quickOptions());
        const SyncSummary summary = runSync(sync, [&] { sync.syncFeeds({sloppyFeed, garbage, good}); });
        QCOMPARE(summary.errors(), 1);
        QCOMPARE(summary.newArticles(), 4);
        FeedStore feeds(lib.db());
        QVERIFY(!feeds.feed(garbage)->lastError.isEmpty());
        QVERIFY(feeds.feed(sloppyFeed)->lastError.isEmpty());
        ArticleStore store(lib.db());
        QCOMPARE(store.listingPage(ListingFilter::byFeed(garbage), 1, 10)->total, 0);
        const auto titles = store.listingPage(ListingFilter::byFeed(sloppyFeed), 1, 10)->articles;
        QCOMPARE(titles.size(), 2);
        QCOMPARE(titles.at(1).title, QStringLiteral("AT&T & friends \u2014 2026")); // plain text, spaces collapsed
        QCOMPARE(titles.at(0).title, QStringLiteral("Café ©"));
    }

    void billionLaughsIsBounded()
    {
        QByteArray doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n";
        for (int i = 1; i <= 9; ++i)
            doc += "<!ENTITY lol" + QByteArray::number(i) + " \"" +
                   QByteArray("&lol" + (i == 1 ? QByteArray() : QByteArray::number(i - 1)) + ";").repeated(10) +
                   "\">\n";
        doc += "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><title>x</title><guid>g</guid>"
               "</item></channel></rss>";
        HttpServer server;
        server.route("/lol.xml", Answer::ok(doc));
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/lol.xml")).toString());
        FeedSync sync(lib.path(), quickOptions());
        const FeedSyncResult result = only(runSync(sync, [&] { sync.syncFeeds({feed}); }));
        // Refused, or read with the entity left unexpanded: never a billion "lol"s in memory or on disk.
        auto stored = FeedStore(lib.db()).feed(feed);
        QVERIFY(stored->title.size() < 10'000);
        if (result.error.isEmpty())
            QVERIFY(ArticleStore(lib.db()).count().value() <= 1);
    }

    void deadServerIsAClearError()
    {
        quint16 port = 0;
        {
            HttpServer gone;
            port = gone.port();
        }
        TestLibrary lib;
        const FeedId feed = lib.feed(QStringLiteral("http://127.0.0.1:%1/feed.xml").arg(port));
        FeedSync sync(lib.path(), quickOptions());
        const FeedSyncResult result = only(runSync(sync, [&] { sync.syncFeeds({feed}); }));
        QVERIFY2(result.error.contains(QStringLiteral("refused")), qPrintable(result.error));
    }

    void imagesAreCachedForOfflineReading()
    {
        HttpServer server;
        const QByteArray png = QByteArray::fromBase64(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        server.route("/img/a.png", Answer::ok(png, "image/png"));
        server.route("/img/b.png", Answer::ok(png, "application/octet-stream"));
        server.route("/img/page.png", Answer::ok("<html>not an image</html>", "text/html"));
        const QString body = QStringLiteral("<p><img src=\"%1\"> <img src=\"%2\"> <img src=\"%3\"></p>")
                                 .arg(server.url(QStringLiteral("/img/a.png")).toString(),
                                      server.url(QStringLiteral("/img/b.png")).toString(),
                                      server.url(QStringLiteral("/img/page.png")).toString());
        server.route("/feed.xml", Answer::ok(rss({{QStringLiteral("i1"), QStringLiteral("Pictures"), body}})));
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/feed.xml")).toString());
        FeedSync sync(lib.path(), quickOptions());
        const SyncSummary summary = runSync(sync, [&] { sync.syncFeeds({feed}); });
        QCOMPARE(summary.imagesCached, 2);
        QCOMPARE(summary.imagesFailed, 1);

        const QString a = server.url(QStringLiteral("/img/a.png")).toString();
        const QString b = server.url(QStringLiteral("/img/b.png")).toString();
        const QString page = server.url(QStringLiteral("/img/page.png")).toString();
        server.shutDown(); // what follows is offline
        SyncStore store(lib.db());
        auto article = ArticleStore(lib.db()).article(
            ArticleStore(lib.db()).listingPage(ListingFilter::all(), 1, 1)->articles.first().id);
        QVERIFY2(article->content.contains(a), qPrintable(article->content));
        auto cachedA = store.asset(a);
        QVERIFY(cachedA.ok() && cachedA->has_value());
        QCOMPARE(cachedA->value().data, png);
        QCOMPARE(cachedA->value().mime, QByteArray("image/png"));
        QVERIFY(!store.asset(page)->has_value());
        QVERIFY(store.asset(b)->has_value());        // sniffed
        QVERIFY(store.pendingAssets(10)->isEmpty()); // a page is not an image: not tried again
    }

    void anArticlesImageCapCountsWhatEarlierSyncsKept()
    {
        HttpServer server;
        server.route("/img/a.png", Answer::ok(QByteArray(600, 'a'), "image/png"));
        server.route("/img/b.png", Answer::ok(QByteArray(600, 'b'), "image/png"));
        const QString a = server.url(QStringLiteral("/img/a.png")).toString();
        const QString b = server.url(QStringLiteral("/img/b.png")).toString();
        QString body = QStringLiteral("<img src=\"%1\">").arg(a);
        server.route("/feed.xml", [&body](const SeenRequest&) {
            return Answer::ok(rss({{QStringLiteral("i1"), QStringLiteral("P"), body}}));
        });
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/feed.xml")).toString());
        SyncOptions options = quickOptions();
        options.maxArticleImageBytes = 1000; // room for one of the two 600-byte images
        {
            FeedSync sync(lib.path(), options);
            QCOMPARE(runSync(sync, [&] { sync.syncFeeds({feed}); }).imagesCached, 1);
        }
        // A later sync, in a new session, finds a second image in the same article: over the article's cap.
        body += QStringLiteral("<img src=\"%1\">").arg(b);
        FeedSync sync(lib.path(), options);
        const SyncSummary second = runSync(sync, [&] { sync.syncFeeds({feed}); });
        QCOMPARE(second.imagesCached, 0);
        QCOMPARE(second.imagesFailed, 1);
        QVERIFY(SyncStore(lib.db()).asset(a)->has_value());
        QVERIFY(!SyncStore(lib.db()).asset(b)->has_value());
    }

    void imageCachingCanBeTurnedOff()
    {
        HttpServer server;
        server.route("/img/a.png", Answer::ok("PNG", "image/png"));
        const QString body =
            QStringLiteral("<img src=\"%1\">").arg(server.url(QStringLiteral("/img/a.png")).toString());
        server.route("/feed.xml", Answer::ok(rss({{QStringLiteral("i1"), QStringLiteral("P"), body}})));
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/feed.xml")).toString());
        SyncOptions options = quickOptions();
        options.cacheImages = false;
        FeedSync sync(lib.path(), options);
        QCOMPARE(runSync(sync, [&] { sync.syncFeeds({feed}); }).imagesCached, 0);
        QCOMPARE(server.requestsFor("/img/a.png"), 0);
    }

    void addFeedDiscoversFromASitePage()
    {
        HttpServer server;
        server.route("/", Answer::ok("<!DOCTYPE html><html><head><title>Blog</title>"
                                     "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feeds/all.xml\">"
                                     "</head><body>Hello</body></html>",
                                     "text/html; charset=utf-8"));
        server.route("/feeds/all.xml", Answer::ok(rss(items(2), QStringLiteral("Discovered"))));
        server.route("/other/", Answer::ok("<html><body>no links here</body></html>", "text/html"));
        server.route("/other/feed", Answer::code(404));
        server.route("/other/atom.xml", Answer::ok(rss(items(1), QStringLiteral("At a usual path"))));
        TestLibrary lib;
        FeedSync sync(lib.path(), quickOptions());

        QSignalSpy added(&sync, &FeedSync::feedAdded);
        runSync(sync, [&] { sync.addFeed(server.url(QStringLiteral("/"))); });
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.first().at(1).toString(), QStringLiteral("Discovered"));
        auto feed = FeedStore(lib.db()).feed(added.first().at(0).toLongLong());
        QCOMPARE(feed->url, server.url(QStringLiteral("/feeds/all.xml")).toString());
        QCOMPARE(feed->total, 2);

        runSync(sync, [&] { sync.addFeed(server.url(QStringLiteral("/other/"))); });
        QCOMPARE(added.size(), 2);
        QCOMPARE(added.last().at(1).toString(), QStringLiteral("At a usual path"));

        QSignalSpy failed(&sync, &FeedSync::addFailed);
        server.route("/nothing/", Answer::ok("<html>none</html>", "text/html"));
        runSync(sync, [&] { sync.addFeed(server.url(QStringLiteral("/nothing/"))); });
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("no feed found")));
        QCOMPARE(FeedStore(lib.db()).feeds()->size(), 2);
    }

    void dueFeedsFollowTheSchedule()
    {
        HttpServer server;
        server.route("/feed.xml", Answer::ok(rss(items(1))));
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/feed.xml")).toString());
        FeedSync sync(lib.path(), quickOptions());
        QCOMPARE(runSync(sync, [&] { sync.syncDue(); }).feeds.size(), 1);
        // Fetched just now: not due for an hour, so nothing is requested.
        QCOMPARE(runSync(sync, [&] { sync.syncDue(); }).feeds.size(), 0);
        QCOMPARE(server.requestsFor("/feed.xml"), 1);
        QVERIFY(FeedStore(lib.db()).dueFeeds(QDateTime::currentDateTimeUtc().addSecs(3601))->contains(feed));
    }

    void whatASyncStoredIsSearchableWhenItFinishes()
    {
        HttpServer server;
        QList<Item> list = items(1'200); // more than one indexing batch
        list[7].body = QStringLiteral("<p>独一无二的 quokka</p>");
        server.route("/feed.xml", Answer::ok(rss(list)));
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/feed.xml")).toString());
        FeedSync sync(lib.path(), quickOptions());
        QStringList order;
        connect(&sync, &FeedSync::feedSynced, this, [&] { order << QStringLiteral("synced"); });
        connect(&sync, &FeedSync::finished, this, [&] { order << QStringLiteral("finished"); });
        QList<int> indexed;
        connect(&sync, &FeedSync::indexed, this, [&](int articles) {
            if (order.isEmpty() || order.last() != QStringLiteral("indexed"))
                order << QStringLiteral("indexed");
            indexed << articles;
        });

        const FeedSyncResult result = only(runSync(sync, [&] { sync.syncFeeds({feed}); }));
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.inserted, 1'200);
        QCOMPARE(order, (QStringList{QStringLiteral("synced"), QStringLiteral("indexed"), QStringLiteral("finished")}));
        // Each batch is reported, counting up to every article stored.
        QVERIFY2(indexed.size() >= 2, qPrintable(QString::number(indexed.size())));
        QVERIFY(std::is_sorted(indexed.cbegin(), indexed.cend()));
        QCOMPARE(indexed.last(), 1'200);
        QCOMPARE(searchindex::pendingCount(lib.db().connection()).value(), 0);
        SearchStore search(lib.db());
        auto all = search.search(QStringLiteral("位置编码"), SearchSort::Rank, 1, 20);
        QVERIFY2(all.ok(), all.ok() ? "" : qPrintable(all.error()));
        QCOMPARE(all->total, 1'200);
        auto one = search.search(QStringLiteral("quokka 独一无二"), SearchSort::Rank, 1, 20);
        QVERIFY(one.ok());
        QCOMPARE(one->total, 1);
        QCOMPARE(one->results.first().title, QStringLiteral("Title 8 位置编码"));

        // A feed added (its first fetch stored at once) is searchable when the sync finishes too.
        server.route("/added.xml", Answer::ok(rss({{QStringLiteral("x"), QStringLiteral("Wombat notes")}})));
        runSync(sync, [&] { sync.addFeed(server.url(QStringLiteral("/added.xml"))); });
        auto added = search.search(QStringLiteral("wombat"), SearchSort::Rank, 1, 20);
        QVERIFY(added.ok());
        QCOMPARE(added->total, 1);

        // What an interrupted sync or import left pending is indexed by the next sync, even one that stores nothing.
        Article left = test::article(QStringLiteral("left"), 1700000000000);
        left.title = QStringLiteral("Numbat left pending");
        QVERIFY(ArticleStore(lib.db()).upsert(feed, {left}).ok());
        QCOMPARE(search.search(QStringLiteral("numbat"), SearchSort::Rank, 1, 20)->total, 0);
        QVERIFY(only(runSync(sync, [&] { sync.syncFeeds({feed}); })).notModified);
        QCOMPARE(search.search(QStringLiteral("numbat"), SearchSort::Rank, 1, 20)->total, 1);
    }
};

QTEST_GUILESS_MAIN(TestFeedSync)
#include "tst_feedsync.moc"
