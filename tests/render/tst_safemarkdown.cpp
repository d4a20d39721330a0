// markdownToSafeHtml: the tree-checked fast path for Markdown without raw HTML, and the sanitizer for the rest.
#include "render/htmlsanitizer.h"
#include "render/markdownrenderer.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace folio;

namespace {

int count(const QString& html, const QString& pattern)
{
    return int(html.count(QRegularExpression(pattern)));
}

} // namespace

class TestSafeMarkdown : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dangerousUrlsNeverReachThePage_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("forbidden");
        QTest::addColumn<QString>("kept");
        QTest::newRow("javascript link") << QStringLiteral("[click me](javascript:alert(1))")
                                         << QStringLiteral("javascript") << QStringLiteral("click me");
        QTest::newRow("mixed case, entity")
            << QStringLiteral("[x](JaVaScRiPt&#58;alert(1)) y") << QStringLiteral("alert") << QStringLiteral("x y");
        QTest::newRow("vbscript autolink") << QStringLiteral("<vbscript:msgbox(1)> after")
                                           << QStringLiteral("href=\"vbscript") << QStringLiteral("after");
        QTest::newRow("data html link") << QStringLiteral("[d](data:text/html;base64,PHNjcmlwdD4=)")
                                        << QStringLiteral("data:") << QStringLiteral(">d<");
        QTest::newRow("file image") << QStringLiteral("![secret](file:///etc/passwd)") << QStringLiteral("file:")
                                    << QStringLiteral("image-missing");
        QTest::newRow("reference link") << QStringLiteral("[ref][r]\n\n[r]: javascript:void(0)")
                                        << QStringLiteral("javascript") << QStringLiteral("ref");
        QTest::newRow("script html") << QStringLiteral("text <script>alert(1)</script> more")
                                     << QStringLiteral("<script") << QStringLiteral("more");
        QTest::newRow("onerror html") << QStringLiteral("<img src=x onerror=alert(1)>\n\nok $x$")
                                      << QStringLiteral("onerror")
                                      << QStringLiteral("<span class=\"math inline\">x</span>");
        QTest::newRow("iframe block") << QStringLiteral("<iframe src=\"https://e.org\"></iframe>\n\nafter")
                                      << QStringLiteral("<iframe") << QStringLiteral("after");
    }

    void dangerousUrlsNeverReachThePage()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, forbidden);
        QFETCH(QString, kept);
        const QString html = markdownToSafeHtml(markdown, {});
        QVERIFY2(!html.contains(forbidden, Qt::CaseInsensitive), qPrintable(html));
        QVERIFY2(html.contains(kept), qPrintable(html));
    }

    void safeLinksAndImagesResolveAgainstTheBase()
    {
        SanitizeOptions options;
        options.baseUrl = QUrl(QStringLiteral("https://blog.example/posts/rope/"));
        const QString html = markdownToSafeHtml(
            QStringLiteral("[next](../bert/) and ![fig](img/a.png) and [mail](mailto:a@b.org)"), options);
        QVERIFY2(html.contains(QStringLiteral("href=\"https://blog.example/posts/bert/\"")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("src=\"https://blog.example/posts/rope/img/a.png\"")), qPrintable(html));
        QVERIFY(html.contains(QStringLiteral("href=\"mailto:a@b.org\"")));
    }

    void mappedImagesAndPlaceholders()
    {
        SanitizeOptions options;
        options.baseUrl = QUrl(QStringLiteral("file:///posts/a.md"));
        options.mapImage = [](const QUrl& url) {
            return url.isLocalFile() ? QStringLiteral("folio://reader/local/x") : QString();
        };
        const QString html =
            markdownToSafeHtml(QStringLiteral("![local](img/x.png) ![remote $x$](https://e.org/y.png)"), options);
        QVERIFY2(html.contains(QStringLiteral("src=\"folio://reader/local/x\"")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("class=\"image-missing\"")), qPrintable(html));
        QVERIFY(!html.contains(QStringLiteral("e.org")));
    }

    void commentsAloneKeepTheFastPath()
    {
        // A post whose only raw HTML is <!--more--> renders exactly as one without it.
        const QString with = markdownToSafeHtml(QStringLiteral("Intro.\n\n<!--more-->\n\nRest with *x*."), {});
        const QString without = markdownToSafeHtml(QStringLiteral("Intro.\n\nRest with *x*."), {});
        QCOMPARE(with, without);
    }

    void bothPathsAgreeOnEverySample()
    {
        // The fast path and the sanitizer see the same formulas, code, images, tables and links.
        const QDir samples(QStringLiteral(FOLIO_SAMPLE_DIR));
        const QStringList files = samples.entryList({QStringLiteral("*.md")});
        QVERIFY(files.size() >= 12);
        for (const QString& name : files) {
            QFile f(samples.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString markdown = QString::fromUtf8(f.readAll());
            const QString fast = markdownToSafeHtml(markdown, {});
            const QString checked = sanitizeHtml(markdownToHtml(markdown));
            for (const char* pattern : {"<span class=\"math (inline|display)\">", "<pre><code", "<img ", "<table>",
                                        "<a href", "<h2>", "<li>"})
                QVERIFY2(count(fast, QLatin1String(pattern)) == count(checked, QLatin1String(pattern)),
                         qPrintable(name + QStringLiteral(": ") + QLatin1String(pattern)));
        }
    }
};

QTEST_GUILESS_MAIN(TestSafeMarkdown)
#include "tst_safemarkdown.moc"
