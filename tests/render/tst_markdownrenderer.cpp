#include "render/cmarkdocument.h"
#include "render/markdownrenderer.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace folio;

namespace {

QString readSample(const QString& name)
{
    QFile file(QStringLiteral(FOLIO_SAMPLE_DIR) + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(file.readAll());
    // The body after the YAML front matter (the importer strips it the same way).
    const qsizetype end = text.startsWith(u"---\n") ? text.indexOf(u"\n---\n", 3) : -1;
    return end < 0 ? text : text.mid(end + 5);
}

QString escapeHtml(QString text)
{
    return text.replace(u'&', QStringLiteral("&amp;"))
        .replace(u'<', QStringLiteral("&lt;"))
        .replace(u'>', QStringLiteral("&gt;"))
        .replace(u'"', QStringLiteral("&quot;"));
}

// The formulas of a sample post, found without the renderer's rules: display blocks are "$$" or "\[" lines
// up to "$$" or "\]" lines (as the samples write them), inline ones are \(…\) and $…$ pairs on one line.
struct SourceMath {
    QStringList inlineTex;
    QStringList displayTex;
};

SourceMath findMath(const QString& body, const QString& literalDollars)
{
    SourceMath math;
    bool inFence = false;
    QString closer;
    QString block;
    for (QString line : body.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (closer.isEmpty() && (trimmed.startsWith(u"```") || trimmed.startsWith(u"~~~"))) {
            inFence = !inFence;
            continue;
        }
        if (inFence)
            continue;
        if (!closer.isEmpty()) {
            if (trimmed == closer) {
                math.displayTex << u'\n' + block;
                closer.clear();
            } else {
                block += line + u'\n';
            }
            continue;
        }
        if (trimmed == u"$$" || trimmed == u"\\[") {
            closer = trimmed == u"$$" ? QStringLiteral("$$") : QStringLiteral("\\]");
            block.clear();
            continue;
        }
        if (!literalDollars.isEmpty())
            line.remove(literalDollars);
        for (qsizetype open = line.indexOf(u"\\("); open >= 0; open = line.indexOf(u"\\(", open)) {
            const qsizetype close = line.indexOf(u"\\)", open + 2);
            math.inlineTex << line.mid(open + 2, close - open - 2);
            line.remove(open, close + 2 - open);
        }
        const QStringList pieces = line.split(u'$');
        for (qsizetype i = 1; i < pieces.size(); i += 2)
            math.inlineTex << pieces.at(i);
    }
    return math;
}

// The HTML with every math span, <pre> and <code> element cut out.
QString withoutMathAndCode(QString html)
{
    const std::pair<QString, QString> cuts[] = {{QStringLiteral("<span class=\"math "), QStringLiteral("</span>")},
                                                {QStringLiteral("<pre"), QStringLiteral("</pre>")},
                                                {QStringLiteral("<code"), QStringLiteral("</code>")}};
    for (const auto& [open, close] : cuts) {
        for (qsizetype start = html.indexOf(open); start >= 0; start = html.indexOf(open, start))
            html.remove(start, html.indexOf(close, start) + close.size() - start);
    }
    return html;
}

QString mathContent(const QString& html)
{
    QString content;
    const QString open = QStringLiteral("<span class=\"math ");
    for (qsizetype start = html.indexOf(open); start >= 0; start = html.indexOf(open, start + 1)) {
        const qsizetype from = html.indexOf(u'>', start) + 1;
        content += html.mid(from, html.indexOf(QStringLiteral("</span>"), from) - from) + u'\n';
    }
    return content;
}

} // namespace

class TestMarkdownRenderer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Without math, the pipeline is cmark-gfm byte for byte (English only: CJK line breaks are tested below).
    void matchesCmarkWithoutMath_data()
    {
        QTest::addColumn<QString>("markdown");
        const auto row = [](const char* name, const QString& markdown) { QTest::newRow(name) << markdown; };
        row("empty", QString());
        row("blank lines", QStringLiteral("   \n\n\t\n"));
        row("paragraphs and soft breaks", QStringLiteral("Hello\nworld.\n\nSecond paragraph\nwith two lines.\n"));
        row("atx headings", QStringLiteral("# H1\n## H2 ##\n###### H6\n####### not a heading\n#no space\n"));
        row("setext headings", QStringLiteral("Title\n=====\n\nSub *title*\n---\n"));
        row("emphasis", QStringLiteral("*a* **b** ***c*** _d_ __e__ a*b*c foo_bar_baz *unclosed **x*y**\n"));
        row("emphasis edge cases", QStringLiteral("**foo*bar** _foo__bar_ *(*foo*)* __a_b__ ** not ** *\n"));
        row("nested emphasis and links", QStringLiteral("**bold [link](http://x.com) *em***, `code`\n"));
        row("tight list", QStringLiteral("- a\n- b\n- c\n"));
        row("loose list", QStringLiteral("- a\n\n- b\n\n  second paragraph\n"));
        row("nested lists", QStringLiteral("- a\n  - b\n    - c\n      1. d\n- e\n* switch marker\n"));
        row("ordered lists", QStringLiteral("3. three\n4. four\n\n1) paren\n2) two\n\n123456789. big\n"));
        row("list with code",
            QStringLiteral("1. item\n\n   para\n\n       indented code\n2. next\n   ```\n   fence\n   ```\n"));
        row("blockquotes", QStringLiteral("> quote\n> more\n\n> > nested\n> back\n"));
        row("quote with list and code", QStringLiteral("> - a\n> - b\n>\n> ```\n> code\n> ```\n"));
        row("nested quote with heading", QStringLiteral("> # Title\n> 1. one\n>    > deep\n> 2. two\n"));
        row("lazy continuation", QStringLiteral("> a\nb\n\n- c\nd\n"));
        row("table with alignment",
            QStringLiteral("| L | C | R |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n| a | b |\nlast\n\nafter\n"));
        row("table with escaped pipe", QStringLiteral("| a | b |\n|---|---|\n| `x\\|y` | **z** |\n"));
        row("inline links", QStringLiteral("[a](http://a.com) [b](/rel \"title\") [c](<with space> 'single') [d]()\n"));
        row("reference links",
            QStringLiteral("[foo][bar], [bar], [Foo] and [baz][]\n\n[bar]: http://example.com \"Title\"\n"
                           "[foo]: /url\n[baz]: <http://b.az> (paren title)\n"));
        row("images", QStringLiteral("![alt *text*](img.png \"t\") ![ref][i] ![](empty.png)\n\n[i]: /i.png\n"));
        row("link with parentheses", QStringLiteral("[w](https://en.wikipedia.org/wiki/Foo_(bar)) and [e](<a b>)\n"));
        row("autolinks", QStringLiteral("<http://a.com> <mailto:x@y.z> <x@y.com> <not a link>\n"));
        row("extended autolinks",
            QStringLiteral("Visit www.example.com/path?q=1 or https://a.b/c_(d) and foo@bar.com.\n"));
        row("inline html", QStringLiteral("a <span class=\"x\">b</span> <!-- c --> <?php d ?> <![CDATA[e]]> <br/>\n"));
        row("html blocks", QStringLiteral("<div>\n*not md*\n</div>\n\n<table><tr><td>x</td></tr></table>\n\ntext\n"));
        row("html comment block", QStringLiteral("<!--\ncomment\n\nstill\n-->\nafter\n"));
        row("entities", QStringLiteral("&amp; &copy; &#169; &#xA9; &nonexistent; AT&T &#0;\n"));
        // ("\\[…\\]" would be display math, so only the opening bracket is escaped.)
        row("backslash escapes", QStringLiteral("\\*not em\\* \\_x\\_ \\# \\[link] \\` \\\\ \\&amp; \\a\n"));
        row("hard breaks", QStringLiteral("line one  \nline two\\\nline three\n"));
        row("fenced code",
            QStringLiteral("```python\nprint('x')\n```\n\n~~~\ntilde\n~~~\n\n````\n```\nnested\n````\n"));
        row("indented code", QStringLiteral("    code block\n    more\n\n\ttab code\n\ntext\n"));
        row("code spans", QStringLiteral("`a` ``b ` c`` ` `` ` and `` `x` `` and `unclosed\n"));
        row("strikethrough", QStringLiteral("~~gone~~ and ~one~ and ~~~three~~~\n"));
        row("task lists", QStringLiteral("- [ ] todo\n- [x] done\n  - [ ] nested\n"));
        row("footnotes",
            QStringLiteral("Claim[^1] and another[^note].\n\n[^1]: Source.\n[^note]: With *em*.\n\n    more\n"));
        row("thematic breaks", QStringLiteral("a\n\n***\n\n- - -\n\n___\n"));
        row("tagfilter",
            QStringLiteral("<script>alert(1)</script>\n\ntext <style>x</style> <iframe src=x></iframe>\n"));
        row("prices", QStringLiteral("It costs $5, not $10. Pay $ 20 or 30$. US$3 and $4.50 each.\n"));
        row("escaped dollars and code", QStringLiteral("\\$x\\$ and `$HOME` and\n\n```sh\necho $PATH\n```\n"));
        row("shell prompts", QStringLiteral("```bash\n$ pip install folio\n$ folio --help\n```\n\n    $ indented\n"));
        row("dollar in html", QStringLiteral("<a title=\"$5\">x</a> costs $5\n\n<div>\n$x$\n</div>\n"));
        row("dollar in link title", QStringLiteral("[x](/u \"cost $5\") and `$` alone\n"));
        row("special characters",
            QStringLiteral("Use a_b_c, 2*3*4, a < b > c, 1<2, <notatag, (parens) [brackets] {braces}.\n"));
        row("crlf line endings", QStringLiteral("a\r\nb\r\n\r\n- c\r\n- d\r\n"));
        row("unicode text", QStringLiteral("Ünïcödé — em dash… “quotes” 😀 café\n"));
        row("list interrupted by fence", QStringLiteral("- a\n```\ncode\n```\n-\n- x\n"));
    }

    void matchesCmarkWithoutMath()
    {
        QFETCH(QString, markdown);
        QCOMPARE(markdownToHtml(markdown), CmarkDocument(markdown).html());
    }

    void eastAsianLineBreaks_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("html");

        QTest::newRow("between CJK") << QStringLiteral("中文\n中文") << QStringLiteral("<p>中文中文</p>\n");
        QTest::newRow("English keeps it")
            << QStringLiteral("English\nword") << QStringLiteral("<p>English\nword</p>\n");
        QTest::newRow("CJK then English") << QStringLiteral("中文\nword") << QStringLiteral("<p>中文\nword</p>\n");
        QTest::newRow("full-width punctuation")
            << QStringLiteral("中文，\n「引用」") << QStringLiteral("<p>中文，「引用」</p>\n");
        QTest::newRow("inside emphasis") << QStringLiteral("**中文**\n*强调*")
                                         << QStringLiteral("<p><strong>中文</strong><em>强调</em></p>\n");
        QTest::newRow("in a quote") << QStringLiteral("> 第一行\n> 第二行")
                                    << QStringLiteral("<blockquote>\n<p>第一行第二行</p>\n</blockquote>\n");
        QTest::newRow("hard break kept") << QStringLiteral("中文  \n中文")
                                         << QStringLiteral("<p>中文<br />\n中文</p>\n");
        QTest::newRow("code block kept") << QStringLiteral("```\n中文\n中文\n```")
                                         << QStringLiteral("<pre><code>中文\n中文\n</code></pre>\n");
        QTest::newRow("html block kept") << QStringLiteral("<div>\n中文\n中文\n</div>")
                                         << QStringLiteral("<div>\n中文\n中文\n</div>\n");
        QTest::newRow("next to math kept")
            << QStringLiteral("向量$x$\n的范数")
            << QStringLiteral("<p>向量<span class=\"math inline\">x</span>\n的范数</p>\n");
        QTest::newRow("extension B ideographs") << QStringLiteral("𠀀\n𠀁") << QStringLiteral("<p>𠀀𠀁</p>\n");
    }

    void eastAsianLineBreaks()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, html);
        QCOMPARE(markdownToHtml(markdown), html);
    }

    void mathFences_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("html");
        QTest::newRow("top level") << QStringLiteral("```math\na &= b\n```\n")
                                   << QStringLiteral("<span class=\"math display\">a &amp;= b</span>\n");
        QTest::newRow("tildes with info")
            << QStringLiteral("~~~ math extra\nx\n~~~\n") << QStringLiteral("<span class=\"math display\">x</span>\n");
        QTest::newRow("in a quote") << QStringLiteral("> ```math\n> x\n> ```\n")
                                    << QStringLiteral(
                                           "<blockquote>\n<span class=\"math display\">x</span>\n</blockquote>\n");
        QTest::newRow("other language is code")
            << QStringLiteral("```mathematica\nx\n```\n")
            << QStringLiteral("<pre><code class=\"language-mathematica\">x\n</code></pre>\n");
    }

    void mathFences()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, html);
        QCOMPARE(markdownToHtml(markdown), html);
    }

    void samples_data()
    {
        QTest::addColumn<QString>("name");
        const QStringList names =
            QDir(QStringLiteral(FOLIO_SAMPLE_DIR)).entryList({QStringLiteral("*.md")}, QDir::Files);
        QVERIFY(names.size() >= 12);
        for (const QString& name : names)
            QTest::newRow(qPrintable(name)) << name;
    }

    // Every sample renders; each formula of the source is one span holding its TeX verbatim; no formula leaks
    // as text; every "\\" row break survives.
    void samples()
    {
        QFETCH(QString, name);
        const QString body = readSample(name);
        QVERIFY(!body.isEmpty());
        const QString prices = name == u"tokenizers-bpe.md" ? QStringLiteral("$20，输出 $30") : QString();
        const SourceMath source = findMath(body, prices);
        QVERIFY(source.inlineTex.size() + source.displayTex.size() > 0);

        const QString html = markdownToHtml(body);
        QVERIFY(html.contains(u"<h2>"));
        QCOMPARE(html.count(u"<span class=\"math inline\">"), source.inlineTex.size());
        QCOMPARE(html.count(u"<span class=\"math display\">"), source.displayTex.size());
        for (const QString& tex : source.inlineTex) {
            const QString span = u"<span class=\"math inline\">" + escapeHtml(tex) + u"</span>";
            QVERIFY2(html.contains(span), qPrintable(span));
        }
        for (const QString& tex : source.displayTex) {
            const QString span = u"<span class=\"math display\">" + escapeHtml(tex) + u"</span>";
            QVERIFY2(html.contains(span), qPrintable(span));
        }

        const QString rest = withoutMathAndCode(html);
        QCOMPARE(rest.count(u'$'), prices.isEmpty() ? 0 : 2);
        if (!prices.isEmpty())
            QVERIFY(rest.contains(prices));
        QVERIFY(!rest.contains(u"\\(") && !rest.contains(u"\\[") && !rest.contains(u"\\begin"));

        const QString sourceTex = (source.inlineTex + source.displayTex).join(u'\n');
        QCOMPARE(mathContent(html).count(u"\\\\"), sourceTex.count(u"\\\\"));
        if (sourceTex.contains(u"\\begin{aligned}") || sourceTex.contains(u"\\begin{pmatrix}"))
            QVERIFY(sourceTex.count(u"\\\\") > 0);
    }
};

QTEST_GUILESS_MAIN(TestMarkdownRenderer)
#include "tst_markdownrenderer.moc"
