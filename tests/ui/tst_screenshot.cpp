// folio --screenshot through the built binary: a PNG is written once KaTeX is done, and it is not blank.
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

int distinctColours(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

} // namespace

class TestScreenshot : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writesANonBlankPng_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("listing") << QStringList{};
        QTest::newRow("article, dark") << QStringList{QStringLiteral("--article"), QStringLiteral("2"),
                                                      QStringLiteral("--theme"), QStringLiteral("dark")};
        QTest::newRow("tag page") << QStringList{QStringLiteral("--tag"), QStringLiteral("NLP")};
        QTest::newRow("search") << QStringList{QStringLiteral("--search"), QStringLiteral("位置编码")};
        QTest::newRow("search, article opened from it") << QStringList{
            QStringLiteral("--search"), QStringLiteral("位置编码"), QStringLiteral("--article"), QStringLiteral("1")};
        QTest::newRow("search, nothing found") << QStringList{QStringLiteral("--search"), QStringLiteral("\"")};
    }

    void writesANonBlankPng()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("shot.png"));
        QProcess folio;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        folio.setProcessEnvironment(env);
        folio.start(QStringLiteral(FOLIO_APP), QStringList{QStringLiteral("--db"), dir.filePath(QStringLiteral("l.db")),
                                                           QStringLiteral("--screenshot"), out} +
                                                   args);
        QVERIFY(folio.waitForFinished(180000));
        QCOMPARE(folio.exitCode(), 0);
        QImage image(out);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
        QVERIFY2(distinctColours(image) > 50, "the screenshot is (nearly) one colour");
    }

    void leavesTheLibraryAsItWas()
    {
        // Opening an article for a screenshot does not mark it read.
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("l.db"));
        QProcess folio;
        folio.start(QStringLiteral(FOLIO_APP),
                    {QStringLiteral("--db"), db, QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("a.png")),
                     QStringLiteral("--article"), QStringLiteral("2")});
        QVERIFY(folio.waitForFinished(180000));
        QCOMPARE(folio.exitCode(), 0);
        QProcess cli;
        cli.start(QStringLiteral(FOLIO_CLI),
                  {QStringLiteral("--db"), db, QStringLiteral("show"), QStringLiteral("2"), QStringLiteral("--json")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject article = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QCOMPARE(article.value(QStringLiteral("id")).toInt(), 2);
        QCOMPARE(article.value(QStringLiteral("read")).toBool(true), false);
    }

    void unknownArticleFails()
    {
        QTemporaryDir dir;
        QProcess folio;
        folio.start(QStringLiteral(FOLIO_APP),
                    {QStringLiteral("--db"), dir.filePath(QStringLiteral("l.db")), QStringLiteral("--screenshot"),
                     dir.filePath(QStringLiteral("x.png")), QStringLiteral("--article"), QStringLiteral("999")});
        QVERIFY(folio.waitForFinished(180000));
        QCOMPARE(folio.exitCode(), 1);
        QVERIFY(folio.readAllStandardError().contains("no article"));
    }
};

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
