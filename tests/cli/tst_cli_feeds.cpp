// folio-cli's feed commands end to end: the built binary against a real HTTP server on 127.0.0.1 (run by this
// test, so the binary runs as a child and this process keeps serving while it waits).
#include "support/httpserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace folio::test;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QString err;

    QJsonObject object() const { return QJsonDocument::fromJson(out).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(out).array(); }
};

// Runs folio-cli while this thread's event loop keeps running (the test server lives on it).
Run cli(const QStringList& args)
{
    QProcess p;
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(FOLIO_CLI), QStringList{QStringLiteral("--no-samples")} + args);
    if (!finished.wait(120'000))
        qFatal("folio-cli did not finish");
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray rss(int items, const QString& title, const QString& prefix = QStringLiteral("p"))
{
    QString xml = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                                 "<title>%1</title><link>http://127.0.0.1/</link>")
                      .arg(title);
    for (int i = 0; i < items; ++i)
        xml += QStringLiteral("<item><guid>%1-%2</guid><title>第 %2 篇：位置编码</title>"
                              "<pubDate>Sun, 29 Nov 2026 10:%3:00 GMT</pubDate>"
                              "<description>&lt;p&gt;Body %2 with \\(x_i\\)&lt;/p&gt;</description></item>")
                   .arg(prefix)
                   .arg(i)
                   .arg(i % 60, 2, 10, QLatin1Char('0'));
    return (xml + QStringLiteral("</channel></rss>")).toUtf8();
}

} // namespace

class TestCliFeeds : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void addSyncFeedsAndExport()
    {
        HttpServer server;
        server.route("/", Answer::ok("<html><head><link rel=\"alternate\" type=\"application/rss+xml\" "
                                     "href=\"/feed.xml\"></head></html>",
                                     "text/html"));
        server.route("/feed.xml", [](const SeenRequest& r) {
            if (r.header("if-none-match") == "\"1\"")
                return Answer::code(304);
            return Answer::ok(rss(3, QStringLiteral("Blog one"))).with("ETag", "\"1\"");
        });
        server.route("/gone.xml", Answer::code(410));
        const QString db = m_dir.filePath(QStringLiteral("feeds.db"));

        const Run added = cli({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("add"),
                               server.url(QStringLiteral("/")).toString()});
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        QCOMPARE(added.object().value(QStringLiteral("title")).toString(), QStringLiteral("Blog one"));
        QCOMPARE(added.object().value(QStringLiteral("total")).toInt(), 3);
        QCOMPARE(added.object().value(QStringLiteral("url")).toString(),
                 server.url(QStringLiteral("/feed.xml")).toString());

        const Run again = cli({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("sync")});
        QCOMPARE(again.exitCode, 0);
        const QJsonObject summary = again.object();
        for (const char* key : {"imported", "updated", "unchanged", "errors", "feeds"})
            QVERIFY2(summary.contains(QLatin1String(key)), key);
        QCOMPARE(summary.value(QStringLiteral("imported")).toInt(), 0);
        QVERIFY(summary.value(QStringLiteral("feeds"))
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(QStringLiteral("not_modified"))
                    .toBool());

        const Run broken = cli(
            {QStringLiteral("--db"), db, QStringLiteral("add"), server.url(QStringLiteral("/gone.xml")).toString()});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(broken.err.contains(QStringLiteral("410")), qPrintable(broken.err));

        const Run feeds = cli({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("feeds")});
        QCOMPARE(feeds.array().size(), 1);
        const QJsonObject feed = feeds.array().at(0).toObject();
        QCOMPARE(feed.value(QStringLiteral("unread")).toInt(), 3);
        QVERIFY(!feed.value(QStringLiteral("last_success")).toString().isEmpty());

        const Run opml = cli({QStringLiteral("--db"), db, QStringLiteral("export-opml")});
        QCOMPARE(opml.exitCode, 0);
        QVERIFY(opml.out.contains("<opml version=\"2.0\""));
        const QString file = m_dir.filePath(QStringLiteral("subscriptions.opml"));
        QVERIFY(writeFile(file, opml.out));

        // The exported list brings the same subscriptions into a new library.
        const QString other = m_dir.filePath(QStringLiteral("other.db"));
        const Run imported =
            cli({QStringLiteral("--db"), other, QStringLiteral("--json"), QStringLiteral("import"), file});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QCOMPARE(imported.object().value(QStringLiteral("feeds_added")).toInt(), 1);
        const Run synced = cli({QStringLiteral("--db"), other, QStringLiteral("--json"), QStringLiteral("sync")});
        QCOMPARE(synced.object().value(QStringLiteral("imported")).toInt(), 3);
    }

    void syncReportsFailingFeedsAndKeepsTheRest()
    {
        HttpServer server;
        server.route("/good.xml", Answer::ok(rss(2, QStringLiteral("Good"))));
        server.route("/bad.xml", Answer::ok("this is not a feed", "text/plain"));
        const QString db = m_dir.filePath(QStringLiteral("mixed.db"));
        const QString opml = m_dir.filePath(QStringLiteral("two.opml"));
        QVERIFY(writeFile(
            opml, "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"Good\" type=\"rss\" xmlUrl=\"" +
                      server.urlBytes(QStringLiteral("/good.xml")) +
                      "\"/><outline text=\"Bad\" type=\"rss\" xmlUrl=\"" + server.urlBytes(QStringLiteral("/bad.xml")) +
                      "\"/></body></opml>"));
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("import"), opml}).exitCode, 0);
        const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("sync")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.object().value(QStringLiteral("imported")).toInt(), 2);
        const QJsonArray errors = r.object().value(QStringLiteral("errors")).toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).toObject().value(QStringLiteral("source")).toString(),
                 server.url(QStringLiteral("/bad.xml")).toString());
    }

    void parseFilesAndUrls()
    {
        HttpServer server;
        server.route("/feed.xml", Answer::ok(rss(2, QStringLiteral("Parsed"))));
        const Run fromUrl = cli(
            {QStringLiteral("--json"), QStringLiteral("parse"), server.url(QStringLiteral("/feed.xml")).toString()});
        QVERIFY2(fromUrl.exitCode == 0, qPrintable(fromUrl.err));
        const QJsonObject doc = fromUrl.object();
        QCOMPARE(doc.value(QStringLiteral("format")).toString(), QStringLiteral("rss"));
        QCOMPARE(doc.value(QStringLiteral("title")).toString(), QStringLiteral("Parsed"));
        const QJsonArray items = doc.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 2);
        const QJsonObject item = items.at(0).toObject();
        for (const char* key : {"id", "title", "link", "author", "published", "updated", "tags", "content_format",
                                "summary", "content", "images"})
            QVERIFY2(item.contains(QLatin1String(key)), key);
        QCOMPARE(item.value(QStringLiteral("content_format")).toString(), QStringLiteral("html"));
        QCOMPARE(item.value(QStringLiteral("published")).toString(), QStringLiteral("2026-11-29T10:00:00Z"));

        const QString file = m_dir.filePath(QStringLiteral("saved.xml"));
        QVERIFY(writeFile(file, rss(4, QStringLiteral("Saved"))));
        const Run fromFile = cli({QStringLiteral("--json"), QStringLiteral("parse"), file});
        QCOMPARE(fromFile.object().value(QStringLiteral("items")).toArray().size(), 4);
        const Run garbage = cli({QStringLiteral("parse"), QStringLiteral(FOLIO_CLI)});
        QCOMPARE(garbage.exitCode, 1);
        QVERIFY(garbage.err.startsWith(QStringLiteral("folio-cli: ")));

        // A saved feed file imports as a feed of its own.
        const QString db = m_dir.filePath(QStringLiteral("saved.db"));
        const Run imported =
            cli({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("import"), file});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QCOMPARE(imported.object().value(QStringLiteral("imported")).toInt(), 4);
    }

    void killedSyncLosesNothingCommitted()
    {
        // A big feed and a small one; the process is killed as soon as the big body has been sent, while it
        // parses or stores. Whatever landed must be whole: each feed has all of its items or none, and the
        // library opens cleanly.
        HttpServer server;
        server.route("/small.xml", Answer::ok(rss(5, QStringLiteral("Small"), QStringLiteral("s"))));
        server.route("/big.xml", Answer::ok(rss(4000, QStringLiteral("Big"), QStringLiteral("b"))));
        const QString db = m_dir.filePath(QStringLiteral("killed.db"));
        const QString opml = m_dir.filePath(QStringLiteral("k.opml"));
        QVERIFY(writeFile(opml, "<opml version=\"2.0\"><body><outline text=\"S\" xmlUrl=\"" +
                                    server.urlBytes(QStringLiteral("/small.xml")) +
                                    "\"/><outline text=\"B\" xmlUrl=\"" + server.urlBytes(QStringLiteral("/big.xml")) +
                                    "\"/></body></opml>"));
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("import"), opml}).exitCode, 0);

        QProcess p;
        QSignalSpy finished(&p, &QProcess::finished);
        connect(&server, &HttpServer::answered, &p, [&p](const QByteArray& path) {
            if (path == "/big.xml")
                p.kill();
        });
        p.start(QStringLiteral(FOLIO_CLI), {QStringLiteral("--db"), db, QStringLiteral("sync")});
        QVERIFY(finished.wait(60'000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);

        {
            auto c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            c.setDatabaseName(db);
            QVERIFY(c.open());
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
            QVERIFY(q.exec(
                QStringLiteral("SELECT f.title, count(a.id) FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id "
                               "GROUP BY f.id")));
            while (q.next()) {
                const int n = q.value(1).toInt();
                QVERIFY2(n == 0 || n == 5 || n == 4000,
                         qPrintable(QStringLiteral("%1 has %2").arg(q.value(0).toString()).arg(n)));
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));

        // The next sync completes what was interrupted.
        const Run synced = cli({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("sync")});
        QCOMPARE(synced.exitCode, 0);
        const Run after = cli({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("list"),
                               QStringLiteral("--page-size"), QStringLiteral("1")});
        QCOMPARE(after.object().value(QStringLiteral("total")).toInt(), 4005);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliFeeds)
#include "tst_cli_feeds.moc"
