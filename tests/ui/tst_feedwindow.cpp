// The window with feeds, against a real HTTP server on 127.0.0.1: subscribing, the sidebar's feeds and error
// badge, and reading an article whose images come from the offline cache after the server is gone.
#include "models/library.h"
#include "models/listingmodel.h"
#include "models/sidebarmodel.h"
#include "storage/articlestore.h"
#include "storage/feedstore.h"
#include "support/httpserver.h"
#include "support/pagescript.h"
#include "support/testlibrary.h"
#include "sync/feedsync.h"
#include "ui/articleview.h"
#include "ui/feedcontroller.h"
#include "ui/mainwindow.h"
#include "ui/pagescheme.h"

#include <QApplication>
#include <QBuffer>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineScript>

using namespace folio;
using namespace folio::test;

namespace {

constexpr int kTimeout = 60'000;

QByteArray png(int size = 2, Qt::GlobalColor colour = Qt::darkCyan)
{
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray feedWithImage(const HttpServer& server)
{
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Pictures blog</title>"
           "<link>" +
           server.urlBytes(QStringLiteral("/")) +
           "</link><item><guid>p1</guid><title>With a figure</title><pubDate>Sun, 29 Nov 2026 09:00:00 GMT</pubDate>"
           "<description><![CDATA[<p>Attention \\(QK^T\\):</p><p><img src=\"/img/figure.png\" alt=\"figure\"></p>"
           "<p><img src=\"/img/missing.png\" alt=\"gone\"></p>]]></description></item></channel></rss>";
}

QModelIndex feedEntry(SidebarModel& model, FeedId feed)
{
    return model.indexOf(ListingFilter::byFeed(feed));
}

} // namespace

class TestFeedWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init() { QSettings().clear(); }

    void subscribeShowsTheFeedAndItsBadge()
    {
        HttpServer server;
        server.route(
            "/", Answer::ok("<html><head><link rel=alternate type=application/rss+xml href=/feed.xml>", "text/html"));
        server.route("/feed.xml", Answer::ok(feedWithImage(server)));
        server.route("/img/figure.png", Answer::ok(png(), "image/png"));
        TestLibrary lib;
        Library library(lib.db());
        FeedSync sync(lib.path());
        MainWindow window(library, false);
        window.attachSync(sync, false);

        QSignalSpy finished(&sync, &FeedSync::finished);
        window.feeds()->addFeed(server.url(QStringLiteral("/")).toString());
        QVERIFY(finished.wait(kTimeout));
        auto feeds = library.feeds().feeds();
        QCOMPARE(feeds->size(), 1);
        const FeedId feed = feeds->first().id;
        SidebarModel& sidebar = *window.sidebar();
        QTRY_VERIFY(feedEntry(sidebar, feed).isValid());
        QCOMPARE(feedEntry(sidebar, feed).data().toString(), QStringLiteral("Pictures blog"));
        QCOMPARE(feedEntry(sidebar, feed).data(SidebarModel::CountRole).toInt(), 1);
        QCOMPARE(window.listing()->total(), 1); // the All listing took the new article in

        // The server breaks: the next sync leaves a badge with the reason, and the article stays.
        server.route("/feed.xml", Answer::code(500));
        window.feeds()->syncAction()->trigger();
        QVERIFY(finished.wait(kTimeout));
        const QModelIndex badge = feedEntry(sidebar, feed);
        QVERIFY(badge.data(SidebarModel::ErrorRole).toString().contains(QStringLiteral("500")));
        QVERIFY(badge.siblingAtColumn(1).data().toString().startsWith(QChar(0x26A0)));
        QVERIFY(badge.data(Qt::ToolTipRole).toString().contains(QStringLiteral("500")));
        QCOMPARE(window.listing()->total(), 1);
    }

    void feedIconsShowInTheSidebar()
    {
        HttpServer server;
        server.route("/withicon.xml",
                     Answer::ok("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Iconic</title>"
                                "<image><url>/icon.png</url><title>Iconic</title></image>"
                                "<item><guid>i1</guid><title>One</title></item></channel></rss>"));
        server.route("/plain.xml",
                     Answer::ok("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Plain"
                                "</title><item><guid>p1</guid><title>Two</title></item></channel></rss>"));
        server.route("/icon.png", Answer::ok(png(48, Qt::red), "image/png"));
        // A feed that names no icon gets its site's favicon.
        server.route("/site.xml",
                     Answer::ok("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Site</title>"
                                "<link>" +
                                server.urlBytes(QStringLiteral("/blog/")) +
                                "</link><item><guid>s1</guid><title>Three</title></item></channel></rss>"));
        server.route("/favicon.ico", Answer::ok(png(16, Qt::blue), "image/x-icon"));
        TestLibrary lib;
        Library library(lib.db());
        const FeedId iconic = lib.feed(server.url(QStringLiteral("/withicon.xml")).toString());
        const FeedId plain = lib.feed(server.url(QStringLiteral("/plain.xml")).toString());
        const FeedId site = lib.feed(server.url(QStringLiteral("/site.xml")).toString());
        FeedSync sync(lib.path());
        MainWindow window(library, false);
        window.attachSync(sync, false);
        SidebarModel& sidebar = *window.sidebar();
        // Before the sync neither icon is cached: both feeds show the stand-in.
        const QImage standIn = feedEntry(sidebar, iconic).data(Qt::DecorationRole).value<QImage>();
        QCOMPARE(standIn.size(), QSize(16, 16));

        QSignalSpy finished(&sync, &FeedSync::finished);
        sync.syncFeeds({iconic, plain, site});
        QVERIFY(finished.wait(kTimeout));
        // The icon arrived after the feed was listed: the sidebar looks again and shows it, scaled to the row.
        QTRY_COMPARE(feedEntry(sidebar, iconic).data(Qt::DecorationRole).value<QImage>().pixelColor(8, 8),
                     QColor(Qt::red));
        QCOMPARE(feedEntry(sidebar, iconic).data(Qt::DecorationRole).value<QImage>().size(), QSize(16, 16));
        QCOMPARE(feedEntry(sidebar, plain).data(Qt::DecorationRole).value<QImage>(), standIn);
        QTRY_COMPARE(feedEntry(sidebar, site).data(Qt::DecorationRole).value<QImage>().pixelColor(8, 8),
                     QColor(Qt::blue));
        QVERIFY(!feedEntry(sidebar, iconic).siblingAtColumn(1).data(Qt::DecorationRole).isValid());
    }

    void imagesAreReadFromTheCacheWithTheServerGone()
    {
        HttpServer server;
        server.route("/feed.xml", Answer::ok(feedWithImage(server)));
        server.route("/img/figure.png", Answer::ok(png(), "image/png"));
        TestLibrary lib;
        Library library(lib.db());
        const FeedId feed = lib.feed(server.url(QStringLiteral("/feed.xml")).toString());
        FeedSync sync(lib.path());
        QSignalSpy finished(&sync, &FeedSync::finished);
        sync.syncFeeds({feed});
        QVERIFY(finished.wait(kTimeout));
        QCOMPARE(finished.first().at(0).value<SyncSummary>().imagesCached, 1);
        server.shutDown();

        MainWindow window(library, false);
        window.show();
        const ArticleId id = ArticleStore(lib.db()).listingPage(ListingFilter::all(), 1, 1)->articles.first().id;
        QSignalSpy typeset(window.articleView(), &ArticleView::typeset);
        QVERIFY(window.openArticle(id).ok());
        QVERIFY(typeset.wait(kTimeout));
        ArticleView& view = *window.articleView();
        // The figure comes from the cache with its real size; the one never cached shows the placeholder.
        QTRY_VERIFY_WITH_TIMEOUT(
            evaluate(view, QStringLiteral("(function(){var i=document.querySelectorAll('.content img');"
                                          "return i.length === 2 && i[0].complete && i[1].complete;})()"))
                .toBool(),
            kTimeout);
        QCOMPARE(evaluate(view, QStringLiteral("document.querySelectorAll('.content img')[0].naturalWidth")).toInt(),
                 2);
        QCOMPARE(evaluate(view, QStringLiteral("document.querySelectorAll('.content img')[1].naturalWidth")).toInt(),
                 160);
        QVERIFY(evaluate(view, QStringLiteral("document.querySelectorAll('.content img')[0].src"))
                    .toString()
                    .startsWith(QStringLiteral("folio://reader/cached/")));
        QCOMPARE(view.blockedRequests(), 0); // nothing even tried to leave the reader
    }
};

int main(int argc, char* argv[])
{
    registerPageScheme();
    QApplication app(argc, argv);
    qRegisterMetaType<SyncSummary>();
    TestFeedWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_feedwindow.moc"
