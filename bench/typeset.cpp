// folio-bench-typeset [--runs R]: time from "open article" to "KaTeX done" (every formula typeset, fonts
// loaded) in the real web view, offscreen: a bundled sample article and a generated 300-formula article.
// Goals: < 150 ms and < 1 s (medians). Measured as the reader uses the view: an article opened while another is
// shown (swapped into the open page). The "fresh page" rows open it on a view that shows a foreign page, so the
// whole document, KaTeX and the fonts load again (what the first article after start costs, minus the
// renderer process start).
#include "benchcommon.h"
#include "parse/frontmatter.h"
#include "ui/articleview.h"
#include "ui/pagescheme.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>
#include <QWebEnginePage>

#include <cstdio>

using namespace folio;

namespace {

Article sampleArticle(const QString& name)
{
    QFile f(QStringLiteral(":/sample/") + name);
    f.open(QIODevice::ReadOnly);
    auto post = parseMarkdownPost(QString::fromUtf8(f.readAll()), name);
    Article a;
    a.id = 1;
    a.title = post->title;
    a.tags = post->tags;
    a.content = post->body;
    a.url = QStringLiteral("qrc:/sample/") + name;
    a.feedUrl = QStringLiteral("qrc:/sample");
    return a;
}

Article formulaArticle(int formulas)
{
    Article a;
    a.id = 2;
    a.title = QStringLiteral("%1 formulas").arg(formulas);
    for (int i = 0; i < formulas; ++i) {
        if (i % 6 == 5)
            a.content += QStringLiteral("$$\n\\begin{aligned} f_{%1}(x) &= \\sum_{k=0}^{n} \\binom{n}{k} x^k \\\\ "
                                        "&= (1+x)^n \\end{aligned}\n$$\n\n")
                             .arg(i);
        else
            a.content += QStringLiteral("第 %1 个公式 $\\boldsymbol{q}_m^\\top \\boldsymbol{k}_n = "
                                        "\\operatorname{Re}[q_m k_n^* e^{i(m-n)\\theta}]$ 在这里。\n\n")
                             .arg(i);
    }
    return a;
}

struct Sample {
    double ms = -1;
    int formulas = 0, errors = 0;
};

Sample openAndWait(ArticleView& view, const Article& article)
{
    Sample s;
    QEventLoop loop;
    QElapsedTimer timer;
    auto done = QObject::connect(&view, &ArticleView::typeset, &loop, [&](int formulas, int errors) {
        s.ms = double(timer.nsecsElapsed()) / 1e6;
        s.formulas = formulas;
        s.errors = errors;
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    timer.start();
    view.showArticle(article);
    loop.exec();
    QObject::disconnect(done);
    return s;
}

// Leaves the view on a page that is not one of its own documents: the next article loads a whole page.
void leavePage(ArticleView& view)
{
    QEventLoop loop;
    auto done = QObject::connect(view.page(), &QWebEnginePage::loadFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    view.setHtml(QStringLiteral("<!DOCTYPE html><title>elsewhere</title>"));
    loop.exec();
    QObject::disconnect(done);
}

enum class Page { Open, Fresh };

void report(ArticleView& view, const char* label, const Article& article, int runs, Page page = Page::Open)
{
    openAndWait(view, article); // warm: the first page load also starts the renderer process
    std::vector<double> ms;
    Sample last;
    for (int i = 0; i < runs; ++i) {
        if (page == Page::Fresh)
            leavePage(view);
        last = openAndWait(view, article);
        if (last.ms >= 0)
            ms.push_back(last.ms);
    }
    std::printf("%-28s %4d formulas, %d errors: median %7.1f ms  p95 %7.1f ms  (%zu runs)\n", label, last.formulas,
                last.errors, bench::median(ms), bench::percentile(ms, 95), ms.size());
    std::printf("RESULT typeset label=%s formulas=%d median_ms=%.1f p95_ms=%.1f\n", label, last.formulas,
                bench::median(ms), bench::percentile(ms, 95));
}

} // namespace

int main(int argc, char* argv[])
{
    registerPageScheme();
    QApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // lines as they come, also into a pipe
    const int at = int(app.arguments().indexOf(QStringLiteral("--runs")));
    const int runs = at > 0 && at + 1 < app.arguments().size() ? app.arguments().at(at + 1).toInt() : 15;
    ArticleView view;
    view.resize(1000, 800);
    view.show();
    report(view, "sample:rope.md", sampleArticle(QStringLiteral("rope.md")), runs);
    report(view, "sample:transformer.md", sampleArticle(QStringLiteral("transformer.md")), runs);
    report(view, "generated:300-formulas", formulaArticle(300), runs);
    report(view, "fresh-page:rope.md", sampleArticle(QStringLiteral("rope.md")), runs, Page::Fresh);
    report(view, "fresh-page:300-formulas", formulaArticle(300), runs, Page::Fresh);
    return 0;
}
