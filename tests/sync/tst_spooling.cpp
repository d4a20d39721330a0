// Big feed bodies go to a temporary file as they arrive and are parsed from there; through a real HTTP server on
// 127.0.0.1.
#include "storage/articlestore.h"
#include "support/httpserver.h"
#include "support/testlibrary.h"
#include "sync/feedsync.h"
#include "sync/httpfetcher.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace folio;
using namespace folio::test;

namespace {

// An RSS feed of `count` items, each with a body of about 1 KB (text in several scripts, so that the pieces the
// parser reads end inside multi-byte characters).
QByteArray bigRss(int count, const QString& changedTitle = {})
{
    QString xml = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                                 "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
                                 "<title>Big blog</title><link>http://127.0.0.1/</link>\n");
    for (int i = 1; i <= count; ++i) {
        const QString title = i == 1 && !changedTitle.isEmpty() ? changedTitle : QStringLiteral("Title %1").arg(i);
        xml += QStringLiteral("<item><guid>big-%1</guid><title>%2</title><link>http://127.0.0.1/%1</link>"
                              "<pubDate>01 Nov 2026 10:00:00 GMT</pubDate><content:encoded><![CDATA[<p>%3</p>]]>"
                              "</content:encoded></item>\n")
                   .arg(i)
                   .arg(title, QStringLiteral("位置编码 ünïcode 😀 &amp; attention ").repeated(30));
    }
    return (xml + QStringLiteral("</channel></rss>\n")).toUtf8();
}

HttpResponse fetch(HttpFetcher& fetcher, const HttpRequest& request)
{
    HttpResponse out;
    bool done = false;
    fetcher.get(request, [&](const HttpResponse& response) {
        out = response;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20'000))
        qFatal("fetch did not finish");
    return out;
}

QStringList downloadsIn(const QString& dir)
{
    return QDir(dir).entryList({QStringLiteral("folio-download*")}, QDir::Files);
}

template <typename Start> SyncSummary runSync(FeedSync& sync, Start start)
{
    QSignalSpy finished(&sync, &FeedSync::finished);
    start();
    if (finished.isEmpty() && !finished.wait(60'000))
        qFatal("sync did not finish");
    return finished.takeFirst().at(0).value<SyncSummary>();
}

} // namespace

class TestSpooling : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<SyncSummary>();
        QVERIFY(m_temp.isValid());
        // Temporary files go here, where the test can see them come and go.
        qputenv("TMPDIR", QFile::encodeName(m_temp.path()));
        QCOMPARE(QDir::tempPath(), QDir(m_temp.path()).canonicalPath());
    }

    void bigBodyIsSpooledAndHashedAsItArrives_data()
    {
        QTest::addColumn<bool>("compressed");
        QTest::newRow("plain") << false;
        QTest::newRow("deflate") << true;
    }
    void bigBodyIsSpooledAndHashedAsItArrives()
    {
        QFETCH(bool, compressed);
        // More than the reply buffers (1 MB) before it is read, compressed or not.
        const QByteArray body = bigRss(1500);
        QVERIFY(body.size() > 2 * 1024 * 1024);
        HttpServer server;
        Answer answer = Answer::ok(compressed ? qCompress(body).mid(4) : body);
        if (compressed)
            answer.with("Content-Encoding", "deflate");
        server.route("/big.xml", answer);
        server.route("/small.xml", Answer::ok(bigRss(2)));
        HttpFetcher fetcher;
        HttpRequest request;
        request.url = server.url(QStringLiteral("/big.xml"));
        request.spoolAbove = 64 * 1024;
        {
            const HttpResponse big = fetch(fetcher, request);
            QVERIFY2(big.ok(), qPrintable(big.error));
            QVERIFY(big.body.isEmpty());
            QVERIFY(big.spooled);
            QCOMPARE(big.spooled->size(), body.size());
            QFile file(big.spooled->path());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll() == body); // decompressed, as it would be in memory
            QCOMPARE(big.sha256, QCryptographicHash::hash(body, QCryptographicHash::Sha256));
            QCOMPARE(downloadsIn(m_temp.path()).size(), 1);
        }
        QVERIFY(downloadsIn(m_temp.path()).isEmpty()); // gone with the response

        request.url = server.url(QStringLiteral("/small.xml"));
        const HttpResponse small = fetch(fetcher, request);
        QVERIFY(small.ok());
        QVERIFY(!small.spooled);
        QVERIFY(small.body == bigRss(2));
        QCOMPARE(small.sha256, QCryptographicHash::hash(small.body, QCryptographicHash::Sha256));

        // Without spoolAbove (images), a big body stays in memory.
        request.url = server.url(QStringLiteral("/big.xml"));
        request.spoolAbove = -1;
        const HttpResponse inMemory = fetch(fetcher, request);
        QVERIFY(!inMemory.spooled);
        QVERIFY(inMemory.body == body);
        QVERIFY(inMemory.sha256.isEmpty());
    }

    void spooledBodyStillHasItsSizeCapAndLeavesNothingOnError()
    {
        HttpServer server;
        Answer endless;
        endless.mode = Answer::Mode::Endless;
        server.route("/endless.xml", endless);
        server.route("/missing.xml", Answer::code(404));
        Answer cut = Answer::ok(bigRss(300));
        cut.mode = Answer::Mode::CutShort;
        server.route("/cut.xml", cut);
        HttpFetcher fetcher;
        HttpRequest request;
        request.spoolAbove = 16 * 1024;
        request.maxBytes = 2 * 1024 * 1024;
        request.timeoutMs = 2'000;

        request.url = server.url(QStringLiteral("/endless.xml"));
        const HttpResponse tooBig = fetch(fetcher, request);
        QVERIFY2(tooBig.error.contains(QStringLiteral("larger than 2 MB")), qPrintable(tooBig.error));
        QVERIFY(!tooBig.spooled);
        request.url = server.url(QStringLiteral("/cut.xml"));
        const HttpResponse cutShort = fetch(fetcher, request);
        QVERIFY(!cutShort.ok());
        QVERIFY(!cutShort.spooled);
        request.url = server.url(QStringLiteral("/missing.xml"));
        QCOMPARE(fetch(fetcher, request).status, 404);
        QVERIFY(downloadsIn(m_temp.path()).isEmpty());
    }

    void bigFeedIsParsedFromItsFileAndAnIdenticalOneIsNot()
    {
        QString changedTitle;
        HttpServer server; // no validators: only the hash of the body tells that it did not change
        server.route("/big.xml",
                     [&changedTitle](const SeenRequest&) { return Answer::ok(bigRss(1500, changedTitle)); });
        QVERIFY(bigRss(1500).size() > 2 * 1024 * 1024); // beyond what a feed fetch keeps in memory
        TestLibrary lib;
        const FeedId feed = lib.feed(server.url(QStringLiteral("/big.xml")).toString());
        SyncOptions options;
        options.cacheImages = false;
        FeedSync sync(lib.path(), options);

        const SyncSummary first = runSync(sync, [&] { sync.syncFeeds({feed}); });
        QCOMPARE(first.feeds.size(), 1);
        QVERIFY2(first.feeds[0].error.isEmpty(), qPrintable(first.feeds[0].error));
        QCOMPARE(first.feeds[0].inserted, 1500);
        QCOMPARE(first.feeds[0].title, QStringLiteral("Big blog"));
        QVERIFY2(first.feeds[0].warnings.isEmpty(), qPrintable(first.feeds[0].warnings.join(u'\n')));
        QCOMPARE(ArticleStore(lib.db()).count().value(), 1500);
        QVERIFY(downloadsIn(m_temp.path()).isEmpty());

        const SyncSummary same = runSync(sync, [&] { sync.syncFeeds({feed}); });
        QVERIFY(same.feeds[0].notModified);
        QCOMPARE(same.feeds[0].inserted + same.feeds[0].updated, 0);

        changedTitle = QStringLiteral("A corrected title");
        const SyncSummary changed = runSync(sync, [&] { sync.syncFeeds({feed}); });
        QVERIFY(!changed.feeds[0].notModified);
        QCOMPARE(changed.feeds[0].updated, 1);
        QCOMPARE(changed.feeds[0].unchanged, 1499);
        QVERIFY(downloadsIn(m_temp.path()).isEmpty());
    }

    void bigFeedsAreAddedFromTheirFiles()
    {
        HttpServer server;
        // A big page that announces a big feed: both are spooled, the page read back for its links.
        const QByteArray filler = QByteArray("<p>filler</p>\n").repeated(100'000);
        server.route("/", Answer::ok("<!DOCTYPE html><html><head><title>Blog</title>"
                                     "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/big.xml\">"
                                     "</head><body>" +
                                         filler + "</body></html>",
                                     "text/html; charset=utf-8"));
        server.route("/big.xml", Answer::ok(bigRss(1500)));
        TestLibrary lib;
        SyncOptions options;
        options.cacheImages = false;
        FeedSync sync(lib.path(), options);
        QSignalSpy added(&sync, &FeedSync::feedAdded);
        QSignalSpy failed(&sync, &FeedSync::addFailed);
        runSync(sync, [&] { sync.addFeed(server.url(QStringLiteral("/"))); });
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.first().at(1).toString(), QStringLiteral("Big blog"));
        QCOMPARE(ArticleStore(lib.db()).count().value(), 1500);
        QVERIFY(downloadsIn(m_temp.path()).isEmpty());

        // The first fetch's hash was kept: the same body on the next sync is not parsed again.
        const FeedId feed = added.first().at(0).toLongLong();
        const SyncSummary same = runSync(sync, [&] { sync.syncFeeds({feed}); });
        QVERIFY(same.feeds[0].notModified);
    }

private:
    QTemporaryDir m_temp;
};

QTEST_GUILESS_MAIN(TestSpooling)
#include "tst_spooling.moc"
