// Math in HTML articles: delimiters in text nodes (findMathInText), MathJax scripts, KaTeX's MathML, and the
// Markdown pipeline's spans kept as they are. Every row is also checked for idempotence.

#include "render/htmlsanitizer.h"
#include "render/texdelimiters.h"
#include "sanitizerchecks.h"

#include <QElapsedTimer>
#include <QTest>

using namespace folio;

namespace {

QString u8(const char* s)
{
    return QString::fromUtf8(s);
}

} // namespace

class TestHtmlSanitizerMath : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void math_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<bool>("findMath");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, const char* html, const char* expected, bool findMath = true) {
            QTest::newRow(name) << u8(html) << findMath << u8(expected);
        };

        // Delimiters in text
        row("inline", "<p>设 \\(x^2\\) 为</p>", "<p>设 <span class=\"math inline\">x^2</span> 为</p>");
        row("display brackets", "<p>\\[ \\int_0^1 f \\]</p>",
            "<p><span class=\"math display\"> \\int_0^1 f </span></p>");
        row("display dollars", "<p>$$\\sum_i a_i$$</p>", "<p><span class=\"math display\">\\sum_i a_i</span></p>");
        row("display across lines", "<p>$$\na\n\nb\n$$</p>", "<p><span class=\"math display\">\na\n\nb\n</span></p>");
        row("several", "\\(a\\), \\(b\\) and $$c$$",
            "<span class=\"math inline\">a</span>, <span class=\"math "
            "inline\">b</span> and <span class=\"math display\">c</span>");
        row("tex escaped", "\\(a &lt; b &amp;&amp; c\\)", "<span class=\"math inline\">a &lt; b &amp;&amp; c</span>");
        row("escaped closer inside", "\\(\\{x\\} \\\\ y\\)", "<span class=\"math inline\">\\{x\\} \\\\ y</span>");
        row("dollars inside inline", "\\(a$$b\\)", "<span class=\"math inline\">a$$b</span>");
        row("inside link text", "<a href=\"https://x.org/\">\\(x\\)</a>",
            "<a href=\"https://x.org/\" rel=\"noopener noreferrer\"><span class=\"math inline\">x</span></a>");

        // Not math
        row("single dollars are prices", "<p>价格 $20 和 $30，$x$</p>", "<p>价格 $20 和 $30，$x$</p>");
        row("escaped backslash", "\\\\(x\\)", "\\\\(x\\)");
        row("escaped dollar", "\\$$x$$", "\\$$x$$");
        row("triple dollars", "$$$x$$$", "$$$x$$$");
        row("empty", "\\(\\) \\[ \\] $$  $$", "\\(\\) \\[ \\] $$  $$");
        row("unclosed", "\\(x and \\[y", "\\(x and \\[y");
        row("in code", "<code>\\(x\\)</code>", "<code>\\(x\\)</code>");
        row("in pre", "<pre>$$x$$</pre>", "<pre>$$x$$</pre>");
        row("in pre code", "<pre><code>a \\[b\\]</code></pre>", "<pre><code>a \\[b\\]</code></pre>");
        row("in kbd samp tt", "<kbd>\\(a\\)</kbd><samp>\\(b\\)</samp><tt>\\(c\\)</tt>",
            "<kbd>\\(a\\)</kbd><samp>\\(b\\)</samp><code>\\(c\\)</code>");
        row("in attribute", "<abbr title=\"\\(x\\)\">t</abbr>", "<abbr title=\"\\(x\\)\">t</abbr>");
        row("in textarea dropped", "<textarea>\\(x\\)</textarea>ok", "ok");
        row("split by br", "\\(a<br>b\\)", "\\(a<br>b\\)");
        row("split by element", "\\(a<em>b</em>\\)", "\\(a<em>b</em>\\)");
        row("option off", "\\(x\\) $$y$$", "\\(x\\) $$y$$", false);
        // A dropped comment leaves one text node, as the browser will see it.
        row("joined across comment", "\\(a<!-- c -->b\\)", "<span class=\"math inline\">ab</span>");

        // Spans from the Markdown pipeline
        row("inline span kept", "<p><span class=\"math inline\">a&lt;b \\(c\\)</span></p>",
            "<p><span class=\"math inline\">a&lt;b \\(c\\)</span></p>");
        row("display span kept", "<span class=\"math display\">\\begin{aligned}a&amp;=b\\end{aligned}</span>",
            "<span class=\"math display\">\\begin{aligned}a&amp;=b\\end{aligned}</span>", false);
        row("display div kept", "<div class=\"math display\">$$x$$</div>", "<div class=\"math display\">$$x$$</div>");
        row("placeholder text not scanned", "<span class=\"image-missing\" title=\"\\(x\\)\">\\(x\\)</span>",
            "<span class=\"image-missing\" title=\"\\(x\\)\">\\(x\\)</span>");

        // MathJax scripts, with or without findMathInText
        row("script inline", "a<script type=\"math/tex\">x^2 < 1</script>b",
            "a<span class=\"math inline\">x^2 &lt; 1</span>b", false);
        row("script display", "<script type=\"math/tex; mode=display\">\\sum</script>",
            "<span class=\"math display\">\\sum</span>", false);
        row("script type spelling", "<script type=\"Math/TeX ;  mode = display\">y</script>",
            "<span class=\"math display\">y</span>");
        row("script kramdown cdata", "<script type=\"math/tex; mode=display\">% <![CDATA[\na &= b\n%]]></script>",
            "<span class=\"math display\">\na &amp;= b\n</span>");
        row("script empty dropped", "a<script type=\"math/tex\">  </script>b", "ab");
        row("script in table dropped", "<table><script type=\"math/tex\">x</script><tr><td>c</td></tr></table>",
            "<table><tbody><tr><td>c</td></tr></tbody></table>");
        row("script text not rescanned", "<script type=\"math/tex\">\\(y\\)</script>",
            "<span class=\"math inline\">\\(y\\)</span>");

        // KaTeX's server-side output
        row("katex inline",
            "<span class=\"katex\"><span class=\"katex-mathml\"><math><semantics><mrow><mi>x</mi></mrow>"
            "<annotation encoding=\"application/x-tex\">x^2</annotation></semantics></math></span>"
            "<span class=\"katex-html\" aria-hidden=\"true\"><span class=\"base\"><span class=\"mord\">x</span>"
            "</span></span></span>",
            "<span><span><span class=\"math inline\">x^2</span></span></span>", false);
        row("mathml display block",
            "<math display=\"block\"><semantics><mi>y</mi><annotation encoding=\"application/x-tex\">\\frac{a}{b}"
            "</annotation></semantics></math>",
            "<span class=\"math display\">\\frac{a}{b}</span>", false);
        row("mathml without tex dropped", "a<math><mi>x</mi><mo>+</mo></math>b", "ab");
    }

    void math()
    {
        QFETCH(QString, html);
        QFETCH(bool, findMath);
        QFETCH(QString, expected);
        SanitizeOptions options;
        options.findMathInText = findMath;
        const QString out = sanitizeHtml(html, options);
        QCOMPARE(out, expected);
        QVERIFY(sanitizerchecks::violations(out).isEmpty());
        QCOMPARE(sanitizeHtml(out, options), out);
    }

    void splitSegments()
    {
        const QList<TexSegment> segments = splitTexDelimiters(u"a \\(b\\) c $$d$$");
        QCOMPARE(segments.size(), 4);
        QCOMPARE(segments[0].kind, TexSegment::Kind::Text);
        QCOMPARE(segments[0].text, u"a ");
        QCOMPARE(segments[1].kind, TexSegment::Kind::InlineMath);
        QCOMPARE(segments[1].text, u"b");
        QCOMPARE(segments[2].text, u" c ");
        QCOMPARE(segments[3].kind, TexSegment::Kind::DisplayMath);
        QCOMPARE(segments[3].text, u"d");
    }

    // Openers without closers must not make the search quadratic.
    void unclosedDelimitersLinear()
    {
        const QString text = u8("\\( \\[ ").repeated(300000) + u8("$$");
        QElapsedTimer timer;
        timer.start();
        const QList<TexSegment> segments = splitTexDelimiters(text);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(segments.size(), 1);
        QCOMPARE(segments[0].kind, TexSegment::Kind::Text);
    }
};

QTEST_GUILESS_MAIN(TestHtmlSanitizerMath)
#include "tst_htmlsanitizer_math.moc"
