#include "render/cmarkdocument.h"
#include "render/markdownlines.h"
#include "render/markdownrenderer.h"
#include "render/mathspans.h"

#include <QTest>

using namespace folio;

namespace {

QStringList strings(std::initializer_list<QStringView> items)
{
    QStringList out;
    for (const QStringView item : items)
        out << item.toString();
    return out;
}

QString inl(QStringView tex)
{
    return QStringLiteral("<span class=\"math inline\">") + tex + QStringLiteral("</span>");
}

QString dis(QStringView tex)
{
    return QStringLiteral("<span class=\"math display\">") + tex + QStringLiteral("</span>");
}

QString describe(const QList<MathSpan>& spans)
{
    QStringList out;
    for (const MathSpan& span : spans)
        out << (span.kind == MathSpan::Kind::Display ? QStringLiteral("D:") : QStringLiteral("I:")) + span.tex;
    return out.join(u" | ");
}

} // namespace

class TestMathSpans : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // What protectMath finds: kind and TeX of each span, in order ("I:" inline, "D:" display).
    void spans_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("inline dollars") << QStringLiteral("a $x+y$ b") << strings({u"I:x+y"});
        QTest::newRow("opener before a space") << QStringLiteral("a $ x$ b") << QStringList();
        QTest::newRow("closer after a space") << QStringLiteral("a $x $ b") << QStringList();
        QTest::newRow("closer before a digit") << QStringLiteral("$x$1 and $y$") << strings({u"I:y"});
        QTest::newRow("escaped dollar") << QStringLiteral("\\$x$ and $y$") << strings({u"I:y"});
        QTest::newRow("dollar inside braces")
            << QStringLiteral("$\\text{the $n$th}$") << strings({u"I:\\text{the $n$th}"});
        QTest::newRow("unbalanced brace") << QStringLiteral("$a}$ b") << QStringList();
        QTest::newRow("single line break") << QStringLiteral("$a\nb$") << strings({u"I:a\nb"});
        QTest::newRow("blank line") << QStringLiteral("$a\n\nb$") << QStringList();
        QTest::newRow("line starting a block") << QStringLiteral("$a\n- b$") << QStringList();
        QTest::newRow("quote continuation stripped") << QStringLiteral("> $a +\n> b$") << strings({u"I:a +\nb"});
        QTest::newRow("prices") << QStringLiteral("$20 and $30") << QStringList();
        QTest::newRow("CJK outside braces") << QStringLiteral("花了$20元，改成$x") << QStringList();
        QTest::newRow("CJK in \\text") << QStringLiteral("$\\text{损失} = x$") << strings({u"I:\\text{损失} = x"});
        QTest::newRow("formula next to CJK") << QStringLiteral("向量$x$的") << strings({u"I:x"});
        QTest::newRow("price before code span") << QStringLiteral("$20 and `$x$`") << QStringList();
        QTest::newRow("double dollar inline") << QStringLiteral("a $$x$$ b") << strings({u"D:x"});
        QTest::newRow("double dollar bare dollar inside")
            << QStringLiteral("alpha$$beta$gamma") << strings({u"I:beta"});
        QTest::newRow("triple dollar literal") << QStringLiteral("$$$x$$$") << QStringList();
        QTest::newRow("block keeps lines")
            << QStringLiteral("$$\na\n\n+ b\n# c\n$$") << strings({u"D:\na\n\n+ b\n# c\n"});
        QTest::newRow("block in quote") << QStringLiteral("> $$\n> a\n>\n> b\n> $$") << strings({u"D:\na\n\nb\n"});
        QTest::newRow("block in list") << QStringLiteral("- x\n\n  $$\n  a\n\n  b\n  $$") << strings({u"D:\na\n\nb\n"});
        QTest::newRow("block across indented lines")
            << QStringLiteral("$$\na\n\n    b\n$$") << strings({u"D:\na\n\n    b\n"});
        QTest::newRow("block closer opening a list item") << QStringLiteral("$$\na\n- $$") << QStringList();
        QTest::newRow("block loses its quote") << QStringLiteral("> $$\n> a\n\nb\n$$") << QStringList();
        QTest::newRow("block unclosed") << QStringLiteral("$$\na\n\nb") << QStringList();
        QTest::newRow("backslash paren") << QStringLiteral("\\(a\\) and \\[b\\]") << strings({u"I:a", u"D:b"});
        QTest::newRow("double backslash paren") << QStringLiteral("\\\\(a\\\\)") << QStringList();
        QTest::newRow("escaped backslash then paren math") << QStringLiteral("\\\\\\(a\\)") << strings({u"I:a"});
        QTest::newRow("backslash bracket block") << QStringLiteral("\\[\na\n\nb\n\\]") << strings({u"D:\na\n\nb\n"});
        QTest::newRow("code span") << QStringLiteral("`$x$` $y$") << strings({u"I:y"});
        QTest::newRow("double backtick code span") << QStringLiteral("``a ` $x$`` $y$") << strings({u"I:y"});
        QTest::newRow("fenced code") << QStringLiteral("```\n$x$\n```\n$y$") << strings({u"I:y"});
        QTest::newRow("indented code") << QStringLiteral("    $x$\n\n$y$") << strings({u"I:y"});
        QTest::newRow("list continuation is not code") << QStringLiteral("1. a\n\n    b $x$") << strings({u"I:x"});
        QTest::newRow("html block") << QStringLiteral("<div>\n$x$\n</div>\n\n$y$") << strings({u"I:y"});
        QTest::newRow("inline html attribute") << QStringLiteral("<a title=\"$x$\">$y$</a>") << strings({u"I:y"});
        QTest::newRow("autolink") << QStringLiteral("<https://e.org/$x$> $y$") << strings({u"I:y"});
        QTest::newRow("bare url") << QStringLiteral("https://e.org/$x$ $y$") << strings({u"I:y"});
        QTest::newRow("table cell pipe") << QStringLiteral("| a |\n|---|\n| $a|b$ |") << strings({u"I:a|b"});
        QTest::newRow("no crossing table rows") << QStringLiteral("| $a |\n|---|\n| b$ |") << QStringList();
        QTest::newRow("align environment")
            << QStringLiteral("$\\begin{align}a\\end{align}$") << strings({u"D:\\begin{align}a\\end{align}"});
        QTest::newRow("aligned stays inline")
            << QStringLiteral("$\\begin{aligned}a\\end{aligned}$") << strings({u"I:\\begin{aligned}a\\end{aligned}"});
    }

    void spans()
    {
        QFETCH(QString, markdown);
        QFETCH(QStringList, expected);

        const ProtectedMarkdown prepared = protectMath(markdown);
        QCOMPARE(describe(prepared.spans), expected.join(u" | "));
        // Nothing lost: putting each span's source back gives the input.
        QString restored = prepared.text;
        for (const MathSpan& span : prepared.spans)
            restored.replace(span.placeholder, span.source);
        QCOMPARE(restored, markdown);
    }

    // The whole pipeline: the exact span(s), and the Markdown around them still renders.
    void render_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");

        QTest::newRow("emphasis inside math")
            << QStringLiteral("*a* $a_i*b_j*c$ *b*")
            << QStringList{u"<p><em>a</em> " + inl(u"a_i*b_j*c") + u" <em>b</em></p>"} << QStringList();
        QTest::newRow("stars in two formulas")
            << QStringLiteral("$x^*$ and $y^*$") << QStringList{u"<p>" + inl(u"x^*") + u" and " + inl(u"y^*") + u"</p>"}
            << strings({u"<em>"});
        QTest::newRow("underscores across formulas")
            << QStringLiteral("$\\mathcal{L}_{\\text{ce}}$ and $\\boldsymbol{W}_{q}$")
            << QStringList{inl(u"\\mathcal{L}_{\\text{ce}}") + u" and " + inl(u"\\boldsymbol{W}_{q}")}
            << strings({u"<em>"});
        QTest::newRow("aligned row breaks")
            << QStringLiteral("$$\n\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n$$")
            << QStringList{dis(u"\n\\begin{aligned}\na &amp;= b \\\\\nc &amp;= d\n\\end{aligned}\n")}
            << strings({u"<p>"});
        QTest::newRow("norm bars") << QStringLiteral("$\\|x\\|^2$") << QStringList{inl(u"\\|x\\|^2")} << QStringList();
        QTest::newRow("prices") << QStringLiteral("$20 and $30") << strings({u"<p>$20 and $30</p>"})
                                << strings({u"math"});
        QTest::newRow("escaped dollar") << QStringLiteral("costs \\$5") << strings({u"<p>costs $5</p>"})
                                        << strings({u"math"});
        QTest::newRow("math in code stays code")
            << QStringLiteral("see `$x_1$`") << strings({u"<p>see <code>$x_1$</code></p>"}) << strings({u"math"});
        QTest::newRow("display block with blank line")
            << QStringLiteral("before\n\n$$\na\n\nb\n$$\n\nafter")
            << QStringList{u"<p>before</p>\n" + dis(u"\na\n\nb\n") + u"\n<p>after</p>"} << QStringList();
        QTest::newRow("block-like lines in display math")
            << QStringLiteral("$$\n+ x\n# y\n$$") << QStringList{dis(u"\n+ x\n# y\n")}
            << strings({u"<ul>", u"<h1>", u"<p>"});
        QTest::newRow("table cell with pipe")
            << QStringLiteral("| a | b |\n|---|---|\n| $a|b$ | c |")
            << QStringList{u"<td>" + inl(u"a|b") + u"</td>\n<td>c</td>"} << QStringList();
        QTest::newRow("next to Chinese punctuation")
            << QStringLiteral("公式$x$，以及$y$。")
            << QStringList{u"<p>公式" + inl(u"x") + u"，以及" + inl(u"y") + u"。</p>"} << QStringList();
        QTest::newRow("bold math") << QStringLiteral("**$x$** and 中文**$y$**中文")
                                   << QStringList{u"<strong>" + inl(u"x") + u"</strong> and 中文<strong>" + inl(u"y") +
                                                  u"</strong>中文"}
                                   << QStringList();
        QTest::newRow("backslash parens")
            << QStringLiteral("a \\(x^2\\) b, not \\\\(y\\\\)")
            << QStringList{u"<p>a " + inl(u"x^2") + u" b, not \\(y\\)</p>"} << QStringList();
        QTest::newRow("backslash brackets") << QStringLiteral("\\[x\\]") << QStringList{dis(u"x")} << strings({u"<p>"});
        QTest::newRow("math fence") << QStringLiteral("```math\nx^2 \\\\\ny < z\n```\n\ntext")
                                    << QStringList{dis(u"x^2 \\\\\ny &lt; z") + u"\n<p>text</p>"}
                                    << strings({u"<pre>", u"<code"});
        QTest::newRow("display block in a quote")
            << QStringLiteral("> intro\n>\n> $$\n> a\n>\n> b\n> $$\n>\n> outro")
            << QStringList{u"<blockquote>\n<p>intro</p>\n" + dis(u"\na\n\nb\n") + u"\n<p>outro</p>\n</blockquote>"}
            << QStringList();
        QTest::newRow("display block in a list item") << QStringLiteral("- item\n\n  $$\n  c\n\n  d\n  $$\n- next")
                                                      << QStringList{u"<ul>\n<li>\n<p>item</p>\n" + dis(u"\nc\n\nd\n") +
                                                                     u"\n</li>\n<li>\n<p>next</p>\n</li>\n</ul>"}
                                                      << QStringList();
        QTest::newRow("tight list item of display math")
            << QStringLiteral("- $$x$$\n- y") << QStringList{u"<li>" + dis(u"x") + u"</li>\n<li>y</li>"}
            << QStringList();
        QTest::newRow("display math inside a sentence")
            << QStringLiteral("so $$x$$ holds") << QStringList{u"<p>so " + dis(u"x") + u" holds</p>"} << QStringList();
        QTest::newRow("unclosed dollar") << QStringLiteral("a $x and *b*") << strings({u"<p>a $x and <em>b</em></p>"})
                                         << strings({u"math"});
        QTest::newRow("unclosed double dollar")
            << QStringLiteral("$$\na + b\n\nc") << strings({u"<p>$$\na + b</p>\n<p>c</p>"}) << strings({u"math"});
        QTest::newRow("dollar inside text braces")
            << QStringLiteral("$\\text{the $n$th}$") << QStringList{inl(u"\\text{the $n$th}")} << QStringList();
        QTest::newRow("failed double dollar")
            << QStringLiteral("alpha$$beta$gamma") << QStringList{u"<p>alpha$" + inl(u"beta") + u"gamma</p>"}
            << QStringList();
        QTest::newRow("math in link text")
            << QStringLiteral("[$x$ rule](https://e.org)")
            << QStringList{u"<a href=\"https://e.org\">" + inl(u"x") + u" rule</a>"} << QStringList();
        QTest::newRow("math in link title") << QStringLiteral("[t](https://e.org \"about $x<y$\")")
                                            << strings({u"title=\"about $x&lt;y$\""}) << strings({u"math"});
        QTest::newRow("math in image alt")
            << QStringLiteral("![$\\alpha$ & $\\beta$](a.png)")
            << strings({u"<img src=\"a.png\" alt=\"$\\alpha$ &amp; $\\beta$\" />"}) << strings({u"math", u"<span"});
        QTest::newRow("math in link destination")
            << QStringLiteral("[t](</p/$a b$>)") << strings({u"<a href=\"/p/$a%20b$\">t</a>"}) << strings({u"math"});
        QTest::newRow("align hint") << QStringLiteral("$\\begin{align}a&=b\\end{align}$")
                                    << QStringList{dis(u"\\begin{align}a&amp;=b\\end{align}")}
                                    << strings({u"math inline"});
        QTest::newRow("html escaped") << QStringLiteral("$a<b & c>d$") << QStringList{inl(u"a&lt;b &amp; c&gt;d")}
                                      << QStringList();
        QTest::newRow("CJK soft break removed")
            << QStringLiteral("向量$x$的范数\n中文\n中文")
            << QStringList{u"<p>向量" + inl(u"x") + u"的范数中文中文</p>"} << QStringList();
        QTest::newRow("English soft break kept")
            << QStringLiteral("English $x$\nword") << QStringList{u"<p>English " + inl(u"x") + u"\nword</p>"}
            << QStringList();
        // The protected text may parse a little differently; math must still never land in code.
        QTest::newRow("code after a table the math completed")
            << QStringLiteral("| $a|b$ | c |\n|---|---|\n| 1 | 2 |\n    $x$")
            << QStringList{u"<th>" + inl(u"a|b") + u"</th>", QStringLiteral("<pre><code>$x$\n</code></pre>")}
            << QStringList{inl(u"x")};
        QTest::newRow("fence line with a backtick in its info")
            << QStringLiteral("```a \\(x`\\) b") << strings({u"<p>```a (x`) b</p>"}) << strings({u"math", u"<pre>"});
        QTest::newRow("html block closed on a later line")
            << QStringLiteral("<pre>\n$x$</pre>\n\n    $z$\n\n$y$")
            << QStringList{QStringLiteral("<pre>\n$x$</pre>\n<pre><code>$z$\n</code></pre>\n<p>") + inl(u"y") + u"</p>"}
            << QStringList();
        QTest::newRow("math in raw inline code")
            << QStringLiteral("<code>$x$</code> $y$") << QStringList{u"<code>$x$</code> " + inl(u"y")} << QStringList();
        QTest::newRow("input holding placeholder characters")
            << QStringLiteral("\uE000M0\uE001 and $x$") << QStringList{u"<p>\uE000M0\uE001 and " + inl(u"x") + u"</p>"}
            << QStringList();
    }

    void render()
    {
        QFETCH(QString, markdown);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);

        const QString html = markdownToHtml(markdown);
        for (const QString& s : present)
            QVERIFY2(html.contains(s), qPrintable(QStringLiteral("missing %1 in:\n%2").arg(s, html)));
        for (const QString& s : absent)
            QVERIFY2(!html.contains(s), qPrintable(QStringLiteral("unexpected %1 in:\n%2").arg(s, html)));
    }

    // restoreMath on its own, with spans made by hand (empty placeholder: the default U+E000 'M' n U+E001).
    void restoreByHand()
    {
        const QList<MathSpan> spans{{MathSpan::Kind::Inline, QStringLiteral("a<b"), QStringLiteral("$a<b$"), {}},
                                    {MathSpan::Kind::Display, QStringLiteral("c"), QStringLiteral("$$c$$"), {}}};
        const QString html =
            QStringLiteral("<p>x \uE000M0\uE001 y</p>\n<p>\uE000M1\uE001</p>\n"
                           "<a href=\"/u/%EE%80%80M0%EE%80%81\" title=\"\uE000M1\uE001\">\uE000M7\uE001</a>");
        QCOMPARE(restoreMath(html, spans), QStringLiteral("<p>x <span class=\"math inline\">a&lt;b</span> y</p>\n"
                                                          "<span class=\"math display\">c</span>\n"
                                                          "<a href=\"/u/$a%3Cb$\" title=\"$$c$$\">\uE000M7\uE001</a>"));
        QCOMPARE(restoreMath(html, {}), html);
    }

    void placeholdersAvoidInputCharacters()
    {
        const ProtectedMarkdown prepared = protectMath(QStringLiteral("\uE000\uE001\uE002 $x$"));
        QCOMPARE(prepared.spans.size(), 1);
        const QString placeholder = prepared.spans.first().placeholder;
        QVERIFY(!placeholder.contains(QChar(0xE000)) && !placeholder.contains(QChar(0xE001)));
        QVERIFY(!placeholder.contains(QChar(0xE002)));
        QCOMPARE(placeholder.mid(1, 2), QStringLiteral("M0"));
        QCOMPARE(prepared.text, QStringLiteral("\uE000\uE001\uE002 ") + placeholder);
    }

    void textWithoutMathIsUntouched()
    {
        const QString markdown = QStringLiteral("# Title\n\nNo math *here*, only $5.\n");
        const ProtectedMarkdown prepared = protectMath(markdown);
        QCOMPARE(prepared.text, markdown);
        QVERIFY(prepared.spans.isEmpty());
        QCOMPARE(markdownToHtml(markdown), CmarkDocument(markdown).html());
    }

    // The extra cmark parse (for code and HTML block lines) runs only when a line that might be code holds a
    // delimiter and is not certainly code: fences and HTML blocks are recognised without it.
    void firstParseOnlyWhenNeeded_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<bool>("parses");
        QTest::newRow("math only") << QStringLiteral("$x$ and\n\n$$\ny\n$$\n") << false;
        QTest::newRow("dollar in a fence") << QStringLiteral("$x$\n\n```sh\n$ ls\n```\n") << false;
        QTest::newRow("dollar in an html block") << QStringLiteral("$x$\n\n<div>\n$y$\n</div>\n") << false;
        QTest::newRow("indented line without dollars") << QStringLiteral("$x$\n\n    code\n") << false;
        QTest::newRow("dollar in an indented line") << QStringLiteral("$x$\n\n    $y$\n") << true;
        QTest::newRow("fence that may have left its list") << QStringLiteral("- ```\n$x$\n```\n") << true;
    }

    void firstParseOnlyWhenNeeded()
    {
        QFETCH(QString, markdown);
        QFETCH(bool, parses);
        QCOMPARE(detail::MarkdownLines(markdown).parsedWithCmark(), parses);
    }

    // Many openers without closers must not rescan the rest of the text each time.
    void unclosedOpenersStayLinear()
    {
        const QString markdown = QStringLiteral("$a{ \\(b `c <d $$e ").repeated(20000);
        const ProtectedMarkdown prepared = protectMath(markdown);
        QVERIFY(prepared.spans.isEmpty());
        QCOMPARE(prepared.text, markdown);
    }
};

QTEST_GUILESS_MAIN(TestMathSpans)
#include "tst_mathspans.moc"
