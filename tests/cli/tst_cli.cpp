// folio-cli end to end: the built binary, a real library file, exit codes and JSON shapes.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QString err;

    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
};

Run cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(FOLIO_CLI), args);
    if (!p.waitForFinished(120000))
        qFatal("folio-cli did not finish");
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void write(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QStringList keys(const QJsonObject& o)
{
    QStringList k = o.keys();
    k.sort();
    return k;
}

bool isRfc3339Utc(const QJsonValue& v)
{
    static const QRegularExpression re(QStringLiteral(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$)"));
    return re.match(v.toString()).hasMatch();
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void helpAndVersion()
    {
        const Run help = cli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("Usage: folio-cli"));
        for (const char* command : {"import", "list", "show", "tags", "render"})
            QVERIFY2(help.out.contains(command), command);
        const Run version = cli({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(QRegularExpression(QStringLiteral(R"(^folio-cli \d+\.\d+\.\d+\n$)"))
                    .match(QString::fromUtf8(version.out))
                    .hasMatch());
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("nothing") << QStringList{};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("list"), QStringLiteral("--colour")};
        QTest::newRow("option of another command")
            << QStringList{QStringLiteral("tags"), QStringLiteral("--tag"), QStringLiteral("x")};
        QTest::newRow("missing value") << QStringList{QStringLiteral("list"), QStringLiteral("--page")};
        QTest::newRow("page not a number")
            << QStringList{QStringLiteral("list"), QStringLiteral("--page"), QStringLiteral("two")};
        QTest::newRow("page zero") << QStringList{QStringLiteral("list"), QStringLiteral("--page=0")};
        QTest::newRow("page size too big")
            << QStringList{QStringLiteral("list"), QStringLiteral("--page-size"), QStringLiteral("100000")};
        QTest::newRow("show without id") << QStringList{QStringLiteral("show")};
        QTest::newRow("show not an id") << QStringList{QStringLiteral("show"), QStringLiteral("abc")};
        QTest::newRow("import two paths")
            << QStringList{QStringLiteral("import"), QStringLiteral("a"), QStringLiteral("b")};
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, args);
        const Run r = cli(QStringList{QStringLiteral("--db"), m_dir.filePath(QStringLiteral("u.db"))} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.startsWith(QStringLiteral("folio-cli: ")));
        QVERIFY(r.out.isEmpty());
    }

    void firstStartSeedsSamplesAndListsThemAsJson()
    {
        const QString db = m_dir.filePath(QStringLiteral("seed.db"));
        const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("list"), QStringLiteral("--json"),
                           QStringLiteral("--page-size"), QStringLiteral("5")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject page = r.json().object();
        QCOMPARE(keys(page),
                 (QStringList{QStringLiteral("articles"), QStringLiteral("page"), QStringLiteral("page_size"),
                              QStringLiteral("pages"), QStringLiteral("total")}));
        QCOMPARE(page.value(QStringLiteral("page")).toInt(), 1);
        QCOMPARE(page.value(QStringLiteral("page_size")).toInt(), 5);
        const int total = page.value(QStringLiteral("total")).toInt();
        QVERIFY(total >= 12);
        QCOMPARE(page.value(QStringLiteral("pages")).toInt(), (total + 4) / 5);
        const QJsonArray articles = page.value(QStringLiteral("articles")).toArray();
        QCOMPARE(articles.size(), 5);
        QString previous = QStringLiteral("9999");
        for (const QJsonValue& v : articles) {
            const QJsonObject a = v.toObject();
            for (const char* key : {"id", "title", "published", "tags", "feed", "url", "excerpt", "read", "starred"})
                QVERIFY2(a.contains(QLatin1String(key)), key);
            QVERIFY(a.value(QStringLiteral("id")).toInteger() > 0);
            QVERIFY(isRfc3339Utc(a.value(QStringLiteral("published"))));
            QVERIFY(a.value(QStringLiteral("tags")).isArray());
            QVERIFY(a.value(QStringLiteral("read")).isBool());
            QVERIFY(a.value(QStringLiteral("published")).toString() <= previous); // newest first
            previous = a.value(QStringLiteral("published")).toString();
        }

        // The second start does not seed again.
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("list"), QStringLiteral("--json")})
                     .json()
                     .object()
                     .value(QStringLiteral("total"))
                     .toInt(),
                 total);
    }

    void tagsShowAndPaging()
    {
        const QString db = m_dir.filePath(QStringLiteral("tags.db"));
        const Run tags = cli({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("tags")});
        QCOMPARE(tags.exitCode, 0);
        const QJsonArray list = tags.json().array();
        QVERIFY(!list.isEmpty());
        QJsonObject biggest;
        for (const QJsonValue& v : list) {
            const QJsonObject t = v.toObject();
            QCOMPARE(keys(t), (QStringList{QStringLiteral("count"), QStringLiteral("name")}));
            if (t.value(QStringLiteral("count")).toInt() > biggest.value(QStringLiteral("count")).toInt())
                biggest = t;
        }
        const QString tag = biggest.value(QStringLiteral("name")).toString();
        const int count = biggest.value(QStringLiteral("count")).toInt();
        QVERIFY(count >= 3);

        // Walk the tag's pages of two: each article once, every one carrying the tag (any letter case).
        QSet<qint64> seen;
        const int pages = (count + 1) / 2;
        for (int page = 1; page <= pages; ++page) {
            const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("list"), QStringLiteral("--tag"),
                               tag.toLower(), QStringLiteral("--page-size"), QStringLiteral("2"),
                               QStringLiteral("--page"), QString::number(page), QStringLiteral("--json")});
            QCOMPARE(r.exitCode, 0);
            const QJsonObject o = r.json().object();
            QCOMPARE(o.value(QStringLiteral("total")).toInt(), count);
            QCOMPARE(o.value(QStringLiteral("pages")).toInt(), pages);
            for (const QJsonValue& v : o.value(QStringLiteral("articles")).toArray()) {
                const QJsonObject a = v.toObject();
                QVERIFY(a.value(QStringLiteral("tags")).toArray().contains(tag));
                seen.insert(a.value(QStringLiteral("id")).toInteger());
            }
        }
        QCOMPARE(seen.size(), count);
        const Run past = cli({QStringLiteral("--db"), db, QStringLiteral("list"), QStringLiteral("--tag"), tag,
                              QStringLiteral("--page-size"), QStringLiteral("2"), QStringLiteral("--page"),
                              QString::number(pages + 1)});
        QCOMPARE(past.exitCode, 1);
        QVERIFY(past.err.contains(QStringLiteral("does not exist")));

        const qint64 id = *seen.begin();
        const Run show =
            cli({QStringLiteral("--db"), db, QStringLiteral("show"), QString::number(id), QStringLiteral("--json")});
        QCOMPARE(show.exitCode, 0);
        const QJsonObject a = show.json().object();
        for (const char* key : {"id", "title", "published", "updated", "author", "tags", "feed", "url",
                                "content_format", "content", "read", "starred"})
            QVERIFY2(a.contains(QLatin1String(key)), key);
        QCOMPARE(a.value(QStringLiteral("id")).toInteger(), id);
        QCOMPARE(a.value(QStringLiteral("content_format")).toString(), QStringLiteral("markdown"));
        QVERIFY(a.value(QStringLiteral("content")).toString().size() > 1000);

        const Run missing = cli({QStringLiteral("--db"), db, QStringLiteral("show"), QStringLiteral("99999")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("no article")));
    }

    void importReportsBadFilesAndExitsOne()
    {
        const QString db = m_dir.filePath(QStringLiteral("import.db"));
        const QString posts = m_dir.filePath(QStringLiteral("posts"));
        write(posts + QStringLiteral("/good.md"), "---\ntitle: Good\ndate: 2026-05-01\ntags: [x]\n---\nText.\n");
        write(posts + QStringLiteral("/bad.md"), "---\ntitle: [oops\n---\n");
        const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("--no-samples"), QStringLiteral("import"), posts,
                           QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        const QStringList errLines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(errLines.size(), 1);
        QVERIFY(errLines.front().contains(QStringLiteral("bad.md: ")));
        const QJsonObject report = r.json().object();
        for (const char* key : {"imported", "updated", "unchanged", "errors"})
            QVERIFY2(report.contains(QLatin1String(key)), key);
        QCOMPARE(report.value(QStringLiteral("imported")).toInt(), 1);
        const QJsonObject error = report.value(QStringLiteral("errors")).toArray().at(0).toObject();
        QVERIFY(error.value(QStringLiteral("source")).toString().endsWith(QStringLiteral("bad.md")));
        QVERIFY(!error.value(QStringLiteral("error")).toString().isEmpty());

        const Run list = cli({QStringLiteral("--db"), db, QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(list.json().object().value(QStringLiteral("total")).toInt(), 1); // --no-samples kept it clean

        const Run again =
            cli({QStringLiteral("--db"), db, QStringLiteral("import"), posts + QStringLiteral("/good.md")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains("0 imported, 0 updated, 1 unchanged"));

        const Run nowhere =
            cli({QStringLiteral("--db"), db, QStringLiteral("import"), m_dir.filePath(QStringLiteral("none"))});
        QCOMPARE(nowhere.exitCode, 1);
        QVERIFY(nowhere.err.contains(QStringLiteral("does not exist")));
    }

    void libraryPathFromEnvironment()
    {
        const QString db = m_dir.filePath(QStringLiteral("env/library.db"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FOLIO_DB"), db);
        QCOMPARE(cli({QStringLiteral("tags")}, env).exitCode, 0);
        QVERIFY(QFile::exists(db));
    }

    void unusableLibraryExitsOne()
    {
        const QString path = m_dir.filePath(QStringLiteral("garbage.db"));
        write(path, QByteArray(4096, 'g'));
        const Run r = cli({QStringLiteral("--db"), path, QStringLiteral("list")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("not a Folio library")));
        QVERIFY(r.out.isEmpty());
    }

    void renderPrintsThePageHtml()
    {
        const QString md = m_dir.filePath(QStringLiteral("r.md"));
        write(md, "---\ntitle: Render me\ntags: [NLP]\n---\n# Heading\n\n| a | b |\n|---|---|\n| $x_i$ | 2 |\n\n"
                  "Price $20 and $30. <script>alert(1)</script>\n");
        const Run page = cli({QStringLiteral("render"), md});
        QCOMPARE(page.exitCode, 0);
        QVERIFY(page.out.startsWith("<!DOCTYPE html>"));
        QVERIFY(page.out.contains("Content-Security-Policy"));
        QVERIFY(page.out.contains("<h1 class=\"title\">Render me</h1>"));
        QVERIFY(page.out.contains("<table>"));
        QVERIFY(page.out.contains("<span class=\"math inline\">x_i</span>"));
        QVERIFY(page.out.contains("$20 and $30"));
        QVERIFY(!page.out.contains("<script"));

        const Run body = cli({QStringLiteral("render"), md, QStringLiteral("--body-only")});
        QCOMPARE(body.exitCode, 0);
        QVERIFY(!body.out.contains("<!DOCTYPE"));
        QVERIFY(body.out.contains("<span class=\"math inline\">x_i</span>"));
        QCOMPARE(cli({QStringLiteral("render"), m_dir.filePath(QStringLiteral("missing.md"))}).exitCode, 1);
    }

    void showHtmlOfAStoredArticle()
    {
        const QString db = m_dir.filePath(QStringLiteral("html.db"));
        const Run list = cli({QStringLiteral("--db"), db, QStringLiteral("list"), QStringLiteral("--tag"),
                              QStringLiteral("位置编码"), QStringLiteral("--json")});
        const qint64 id = list.json()
                              .object()
                              .value(QStringLiteral("articles"))
                              .toArray()
                              .at(0)
                              .toObject()
                              .value(QStringLiteral("id"))
                              .toInteger();
        const Run html =
            cli({QStringLiteral("--db"), db, QStringLiteral("show"), QString::number(id), QStringLiteral("--html")});
        QCOMPARE(html.exitCode, 0);
        QVERIFY(html.out.startsWith("<!DOCTYPE html>"));
        QVERIFY(html.out.count("<span class=\"math") > 10);
    }

    void searchRanksSamplesAndPagesAsJson()
    {
        const QString db = m_dir.filePath(QStringLiteral("search.db"));
        const Run r = cli({QStringLiteral("--db"), db, QStringLiteral("search"), QStringLiteral("位置编码"),
                           QStringLiteral("--json"), QStringLiteral("--page-size"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject page = r.json().object();
        for (const char* key : {"query", "page", "pages", "total", "results"})
            QVERIFY2(page.contains(QLatin1String(key)), key);
        QCOMPARE(page.value(QStringLiteral("query")).toString(), QStringLiteral("位置编码"));
        const int total = page.value(QStringLiteral("total")).toInt();
        QVERIFY(total >= 2);
        QCOMPARE(page.value(QStringLiteral("pages")).toInt(), (total + 1) / 2);
        const QJsonArray results = page.value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 2);
        double previous = 1e300;
        for (const QJsonValue& v : results) {
            const QJsonObject hit = v.toObject();
            for (const char* key : {"id", "title", "published", "tags", "snippet", "score"})
                QVERIFY2(hit.contains(QLatin1String(key)), key);
            QVERIFY(isRfc3339Utc(hit.value(QStringLiteral("published"))));
            QVERIFY(hit.value(QStringLiteral("snippet")).toString().contains(QStringLiteral("\u0002位置编码\u0003")));
            QVERIFY(hit.value(QStringLiteral("score")).toDouble() <= previous); // best first
            previous = hit.value(QStringLiteral("score")).toDouble();
        }

        // Newest first, text output with «» marks, excluded words as arguments of their own.
        const Run byDate = cli({QStringLiteral("--db"), db, QStringLiteral("search"), QStringLiteral("RoPE"),
                                QStringLiteral("-BERT"), QStringLiteral("--sort"), QStringLiteral("date")});
        QCOMPARE(byDate.exitCode, 0);
        QVERIFY2(byDate.out.contains("«RoPE»"), byDate.out.constData());

        // Odd input is a search, never an error.
        for (const char* odd : {"c++", "node.js", "a:b", "\"unbalanced", "NOT", "-", "-only", "((", "*"}) {
            const Run o = cli({QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("search"),
                               QString::fromUtf8(odd)});
            QVERIFY2(o.exitCode == 0, qPrintable(QString::fromUtf8(odd) + QLatin1Char(' ') + o.err));
            QVERIFY(o.json().object().value(QStringLiteral("results")).isArray());
        }

        const Run past = cli({QStringLiteral("--db"), db, QStringLiteral("search"), QStringLiteral("RoPE"),
                              QStringLiteral("--page"), QStringLiteral("999")});
        QCOMPARE(past.exitCode, 1);
        const Run badSort = cli({QStringLiteral("--db"), db, QStringLiteral("search"), QStringLiteral("RoPE"),
                                 QStringLiteral("--sort"), QStringLiteral("best")});
        QCOMPARE(badSort.exitCode, 2);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
