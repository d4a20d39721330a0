// The real web view, offscreen: KaTeX typesets sample articles, errors stay local, no request leaves the reader.
#include "parse/frontmatter.h"
#include "support/pagescript.h"
#include "ui/articleview.h"
#include "ui/pagescheme.h"

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimeZone>
#include <QWebEngineScript>

using namespace folio;
using folio::test::evaluate;

namespace {

constexpr int kTimeout = 60000; // a cold QtWebEngine start on a loaded 2-core machine

Article sample(const QString& name)
{
    QFile f(QStringLiteral(":/sample/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("no sample %s", qPrintable(name));
    auto post = parseMarkdownPost(QString::fromUtf8(f.readAll()), name);
    Article a;
    a.id = 1;
    a.title = post->title;
    a.tags = post->tags;
    a.published = post->date.value_or(QDateTime::currentDateTimeUtc());
    a.content = post->body;
    a.contentFormat = ContentFormat::Markdown;
    a.url = QStringLiteral("qrc:/sample/") + name;
    a.feedUrl = QStringLiteral("qrc:/sample");
    return a;
}

Article markdown(const QString& text)
{
    Article a;
    a.id = 2;
    a.title = QStringLiteral("Test");
    a.content = text;
    a.contentFormat = ContentFormat::Markdown;
    return a;
}

struct Typeset {
    int formulas = -1;
    int errors = -1;
};

Typeset showAndWait(ArticleView& view, const Article& article)
{
    QSignalSpy spy(&view, &ArticleView::typeset);
    view.showArticle(article);
    if (!spy.wait(kTimeout))
        return {};
    return {spy.last().at(0).toInt(), spy.last().at(1).toInt()};
}

} // namespace

class TestArticleView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_view = std::make_unique<ArticleView>();
        m_view->resize(900, 700);
        m_view->show();
    }
    void cleanup() { m_view.reset(); }

    void sampleArticleTypesetsWithoutErrorsOrRequests_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("rope") << QStringLiteral("rope.md");
        QTest::newRow("position encodings") << QStringLiteral("position-encoding-survey.md");
        QTest::newRow("transformer") << QStringLiteral("transformer.md");
        QTest::newRow("state-space models") << QStringLiteral("state-space-models.md");
    }

    void sampleArticleTypesetsWithoutErrorsOrRequests()
    {
        QFETCH(QString, file);
        const Typeset done = showAndWait(*m_view, sample(file));
        QVERIFY2(done.formulas > 10, qPrintable(QString::number(done.formulas)));
        QCOMPARE(done.errors, 0);
        QCOMPARE(evaluate(*m_view, QStringLiteral("document.querySelectorAll('.math .katex').length")).toInt(),
                 done.formulas);
        QCOMPARE(evaluate(*m_view, QStringLiteral("document.querySelectorAll('.katex-error').length")).toInt(), 0);
        QCOMPARE(evaluate(*m_view, QStringLiteral("document.compatMode")).toString(), QStringLiteral("CSS1Compat"));
        QVERIFY(evaluate(*m_view, QStringLiteral("document.fonts.check('16px KaTeX_Main')")).toBool());
        QCOMPARE(m_view->blockedRequests(), 0);
    }

    void codeIsHighlighted()
    {
        QVERIFY(showAndWait(*m_view, sample(QStringLiteral("tokenizers-bpe.md"))).formulas >= 0);
        QVERIFY(
            evaluate(*m_view, QStringLiteral("document.querySelectorAll('pre code .hljs-keyword').length")).toInt() >
            0);
    }

    void bundledImageIsServedLocally()
    {
        QVERIFY(showAndWait(*m_view, sample(QStringLiteral("rnn-lstm-gru.md"))).formulas > 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            evaluate(*m_view, QStringLiteral("(function(){var i=document.querySelector('.content img');"
                                             "return i ? i.complete && i.naturalWidth > 0 : false;})()"))
                .toBool(),
            kTimeout);
        QCOMPARE(m_view->blockedRequests(), 0);
    }

    void brokenFormulaShowsAsErrorAndTheRestRenders()
    {
        const Typeset done =
            showAndWait(*m_view, markdown(QStringLiteral("Good $x^2$ then broken $a^b^c$ and $$\\sum_i a_i$$ after.\n\n"
                                                         "Last paragraph stays.\n")));
        QCOMPARE(done.formulas, 3);
        QCOMPARE(done.errors, 1);
        QCOMPARE(evaluate(*m_view, QStringLiteral("document.querySelectorAll('.katex-error').length")).toInt(), 1);
        QCOMPARE(evaluate(*m_view, QStringLiteral("document.querySelectorAll('.math .katex').length")).toInt(), 2);
        QVERIFY(evaluate(*m_view, QStringLiteral("document.querySelector('.katex-error').textContent"))
                    .toString()
                    .contains(QStringLiteral("a^b^c")));
        QVERIFY(evaluate(*m_view, QStringLiteral("document.body.textContent"))
                    .toString()
                    .contains(QStringLiteral("Last paragraph stays.")));
    }

    void hostileContentRunsNothingAndRequestsNothing()
    {
        // A real server on 127.0.0.1 that every reference in the article points at: nothing may reach it.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        int connections = 0;
        connect(&server, &QTcpServer::newConnection, &server, [&] {
            ++connections;
            delete server.nextPendingConnection();
        });
        const QString origin = QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort());

        // The positive control: the server does see a request made outside the view.
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(connections == 1, kTimeout);

        Article a = markdown(QStringLiteral("<script>document.title='pwned'</script>\n\n<img src=\"%1/track.png\" "
                                            "onerror=\"document.title='pwned'\">\n\n![remote](%1/figure.png) "
                                            "[x](javascript:alert(1)) text $y$\n\n<link rel=\"stylesheet\" "
                                            "href=\"%1/style.css\"><iframe src=\"%1/frame\"></iframe>"
                                            "<video src=\"%1/v.mp4\" poster=\"%1/p.png\"></video>\n")
                                 .arg(origin));
        const Typeset done = showAndWait(*m_view, a);
        QCOMPARE(done.formulas, 1);
        QCOMPARE(evaluate(*m_view, QStringLiteral("document.querySelectorAll('script').length")).toInt(), 0);
        QCOMPARE(evaluate(*m_view, QStringLiteral("document.querySelectorAll('[onerror]').length")).toInt(), 0);
        // Web images are asked of the offline cache (a placeholder when not cached), never of their server.
        QCOMPARE(evaluate(*m_view, QStringLiteral("document.querySelectorAll('img[src^=\"folio://reader/cached/\"]')"
                                                  ".length"))
                     .toInt(),
                 2);
        QCOMPARE(
            evaluate(*m_view, QStringLiteral("document.querySelectorAll('img:not([src^=\"folio:\"])').length")).toInt(),
            0);
        QVERIFY(!m_view->title().contains(QStringLiteral("pwned")));

        // Even a page that bypassed the sanitizer could not reach the network.
        QSignalSpy loaded(m_view->page(), &QWebEnginePage::loadFinished);
        m_view->setHtml(QStringLiteral("<!DOCTYPE html><img src=\"%1/raw.png\"><link rel=stylesheet "
                                       "href=\"%1/raw.css\">")
                            .arg(origin),
                        QUrl(QStringLiteral("folio://reader/article/probe")));
        QVERIFY(loaded.wait(kTimeout)); // the load ends once every subresource was fetched or refused
        QCOMPARE(connections, 1);
    }

    void tagAndExternalLinksLeaveTheView()
    {
        Article a = sample(QStringLiteral("rope.md"));
        a.content += QStringLiteral("\n\n[outside](https://example.org/page)\n");
        QVERIFY(showAndWait(*m_view, a).formulas > 0);
        QSignalSpy tags(m_view.get(), &ArticleView::tagActivated);
        QSignalSpy links(m_view.get(), &ArticleView::externalLinkRequested);
        clickOn(QStringLiteral("a.tag"));
        QVERIFY(tags.wait(kTimeout));
        QCOMPARE(tags.last().at(0).toString(), a.tags.front());
        clickOn(QStringLiteral("a[href^=\"https:\"]"));
        QVERIFY(links.wait(kTimeout));
        QCOMPARE(links.last().at(0).toUrl(), QUrl(QStringLiteral("https://example.org/page")));
        QVERIFY(m_view->url().path().startsWith(QStringLiteral("/article/"))); // the view stayed on the article
    }

    void largeArticleLoadsThroughTheScheme()
    {
        // Over 2 MB of HTML (setHtml would fail), with a formula in every long paragraph.
        QString big;
        const QString filler = QStringLiteral("这是一段用来撑大文章的中文文字，用于检查大文章的加载。").repeated(60);
        for (int i = 0; big.size() * 3 < 2.5 * 1024 * 1024; ++i)
            big += filler + QStringLiteral(" 公式 $a_{%1}^2$。\n\n").arg(i);
        const Typeset done = showAndWait(*m_view, markdown(big));
        QVERIFY2(done.formulas > 400, qPrintable(QString::number(done.formulas)));
        QCOMPARE(done.errors, 0);
    }

    void formulasAreLabelledWithTheirTex()
    {
        // KaTeX renders HTML only (no hidden MathML); screen readers get the TeX as the formula's label.
        QCOMPARE(showAndWait(*m_view, markdown(QStringLiteral("Inline $a_i^2$ and\n\n$$\\sum_k x_k$$\n"))).errors, 0);
        QCOMPARE(evaluate(*m_view, QStringLiteral("document.querySelectorAll('.katex-mathml').length")).toInt(), 0);
        QCOMPARE(evaluate(*m_view, QStringLiteral("document.querySelector('.math.inline').getAttribute('aria-label')"))
                     .toString(),
                 QStringLiteral("a_i^2"));
        QCOMPARE(evaluate(*m_view, QStringLiteral("document.querySelector('.math.display').getAttribute('role')"))
                     .toString(),
                 QStringLiteral("math"));
    }

    void longArticleTypesetsInSlicesThePageSchedules()
    {
        // 600 formulas take several slices; between them the page answers (it paints and scrolls), and the
        // view never has to drive it. A probe sees a page that has begun but not finished.
        QString text;
        for (int i = 0; i < 600; ++i)
            text += QStringLiteral("段落 %1：$\\boldsymbol{q}_m^\\top \\boldsymbol{k}_{%1} = \\sum_{j} a_{%1j}$。\n\n")
                        .arg(i);
        QSignalSpy spy(m_view.get(), &ArticleView::typeset);
        m_view->showArticle(markdown(text));
        bool sawPartial = false;
        const QString probe = QStringLiteral("document.querySelectorAll('.math .katex').length");
        QVERIFY(QTest::qWaitFor(
            [&] {
                if (!spy.isEmpty())
                    return true;
                const int done = evaluate(*m_view, probe).toInt();
                sawPartial = sawPartial || (done > 0 && done < 600);
                return false;
            },
            kTimeout));
        QCOMPARE(spy.last().at(0).toInt(), 600);
        QCOMPARE(spy.last().at(1).toInt(), 0);
        QVERIFY(sawPartial);
        QCOMPARE(evaluate(*m_view, probe).toInt(), 600);
    }

    void laterArticlesAreSwappedIntoTheOpenPage()
    {
        // The first article loads a page; later ones replace its content without a new document.
        const QString longTail = QStringLiteral("很长的一段文字，用来让页面可以向下滚动。\n\n").repeated(300);
        Typeset done = showAndWait(
            *m_view,
            markdown(QStringLiteral("第一篇 $\\DeclareMathOperator{\\folioop}{argmax} \\folioop_x f$\n\n") + longTail));
        QCOMPARE(done.formulas, 1);
        QCOMPARE(done.errors, 0);
        QVERIFY(evaluate(*m_view, QStringLiteral("document.querySelector('.math').textContent"))
                    .toString()
                    .contains(QStringLiteral("argmax")));
        const QUrl url = m_view->url();
        QVERIFY(evaluate(*m_view, QStringLiteral("window.scrollTo(0, 4000); window.scrollY")).toInt() > 0);

        QSignalSpy loads(m_view->page(), &QWebEnginePage::loadStarted);
        // A macro the first article defined is unknown to the next one (KaTeX shows an unknown command as its
        // name): each article starts with fresh macros.
        // Text that a script literal must escape reaches the page intact: quotes, backslashes, a line separator.
        const QString awkward = QStringLiteral("\"引号\" 'single' C:\\path \u2028 </script>");
        done = showAndWait(*m_view, markdown(QStringLiteral("第二篇 $\\folioop_x g$ 和 $a^2$\n\n") + awkward));
        QCOMPARE(done.formulas, 2);
        const QString formula =
            evaluate(*m_view, QStringLiteral("document.querySelector('.math').textContent")).toString();
        QVERIFY2(formula.contains(QStringLiteral("\\folioop")) && !formula.contains(QStringLiteral("argmax")),
                 qPrintable(formula));
        QCOMPARE(loads.count(), 0);
        QCOMPARE(m_view->url(), url);
        const QString text = evaluate(*m_view, QStringLiteral("document.body.textContent")).toString();
        QVERIFY(text.contains(QStringLiteral("第二篇")));
        QVERIFY2(text.contains(QStringLiteral("\"引号\" 'single' C:\\path")), qPrintable(text));
        QVERIFY(text.contains(QChar(0x2028)) && text.contains(QStringLiteral("</script>")));
        QVERIFY(!text.contains(QStringLiteral("第一篇")));
        QCOMPARE(evaluate(*m_view, QStringLiteral("window.scrollY")).toInt(), 0); // a new article starts at its top

        // The theme changes in place as well.
        QSignalSpy typeset(m_view.get(), &ArticleView::typeset);
        m_view->setDark(true);
        QVERIFY(typeset.wait(kTimeout));
        QCOMPARE(evaluate(*m_view, QStringLiteral("document.documentElement.className")).toString(),
                 QStringLiteral("dark"));
        QCOMPARE(loads.count(), 0);

        // A view that was taken to another page loads a whole document again.
        QSignalSpy loaded(m_view->page(), &QWebEnginePage::loadFinished);
        m_view->setHtml(QStringLiteral("<!DOCTYPE html><p>elsewhere</p>"));
        QVERIFY(loaded.wait(kTimeout));
        done = showAndWait(*m_view, markdown(QStringLiteral("第三篇 $b^2$")));
        QCOMPARE(done.formulas, 1);
        QCOMPARE(done.errors, 0);
        QVERIFY(m_view->url().path().startsWith(QStringLiteral("/article/")));
        QVERIFY(evaluate(*m_view, QStringLiteral("document.body.textContent"))
                    .toString()
                    .contains(QStringLiteral("第三篇")));
    }

    void onlyTheNewestArticleReports()
    {
        QCOMPARE(showAndWait(*m_view, markdown(QStringLiteral("$a$"))).formulas, 1);
        QSignalSpy typeset(m_view.get(), &ArticleView::typeset);
        m_view->showArticle(markdown(QStringLiteral("$x_1$ ").repeated(400)));
        m_view->showArticle(markdown(QStringLiteral("$b$ 和 $c$")));
        QVERIFY(typeset.wait(kTimeout));
        QCOMPARE(typeset.first().at(0).toInt(), 2);
        QVERIFY(
            evaluate(*m_view, QStringLiteral("document.body.textContent")).toString().contains(QStringLiteral("和")));
    }

private:
    // A real mouse click in the middle of the first element matching `selector`, scrolled into view.
    void clickOn(const QString& selector)
    {
        const QVariantList rect =
            evaluate(*m_view,
                     QStringLiteral("(function(){var e=document.querySelector('%1');e.scrollIntoView();"
                                    "var r=e.getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2];})()")
                         .arg(selector))
                .toList();
        QCOMPARE(rect.size(), 2);
        QWidget* target = m_view->focusProxy() ? m_view->focusProxy() : m_view.get();
        QTest::mouseClick(target, Qt::LeftButton, {}, QPoint(rect.at(0).toInt(), rect.at(1).toInt()));
    }

    std::unique_ptr<ArticleView> m_view;
};

int main(int argc, char* argv[])
{
    registerPageScheme();
    QApplication app(argc, argv);
    TestArticleView test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_articleview.moc"
