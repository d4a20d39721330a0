// What the sanitizer keeps: cmark-gfm's output, links and images made absolute, the attribute and class rules,
// renamed elements, images through mapImage; every row also idempotent and allowlist-clean.

#include "render/cmarkdocument.h"
#include "render/htmlsanitizer.h"
#include "sanitizerchecks.h"

#include <QTest>

using namespace folio;

namespace {

QString u8(const char* s)
{
    return QString::fromUtf8(s);
}

const char* kBase = "https://blog.example/posts/a/index.html";

} // namespace

class TestHtmlSanitizerMarkup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kept_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");
        auto row = [](const char* name, const QString& html, const QStringList& present, const QStringList& absent = {},
                      const char* base = "") { QTest::newRow(name) << html << u8(base) << present << absent; };
        auto cmark = [](const char* markdown) { return CmarkDocument(QString::fromUtf8(markdown)).html(); };

        // cmark-gfm's own output
        row("gfm table alignment", cmark("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"),
            {u8("<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n<th align=\"center\">b</th>\n"
                "<th align=\"right\">c</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">1</td>")});
        row("gfm task list", cmark("- [ ] todo\n- [x] done\n"),
            {u8("<li><input type=\"checkbox\" disabled=\"\"> todo</li>"),
             u8("<li><input type=\"checkbox\" checked=\"\" disabled=\"\"> done</li>")});
        row("gfm footnotes", cmark("Claim[^1].\n\n[^1]: Source.\n"),
            {u8("<sup class=\"footnote-ref\"><a href=\"#user-content-fn-1\" data-footnote-ref=\"\" "
                "id=\"user-content-fnref-1\">1</a></sup>"),
             u8("<section data-footnotes=\"\" class=\"footnotes\">"), u8("<li id=\"user-content-fn-1\">"),
             u8("<a href=\"#user-content-fnref-1\" data-footnote-backref=\"\" aria-label=\"Back to content\" "
                "class=\"footnote-backref\">↩</a>")});
        row("gfm code block language", cmark("```c++\nx < 1 && y\n```\n"),
            {u8("<pre><code class=\"language-c++\">x &lt; 1 &amp;&amp; y\n</code></pre>")});
        row("gfm links and images against base", cmark("![alt *x*](img/a.png \"T\") [l](../p.html) <https://x.org>"),
            {u8("<img src=\"https://blog.example/posts/a/img/a.png\" alt=\"alt x\" title=\"T\">"),
             u8("<a href=\"https://blog.example/posts/p.html\" rel=\"noopener noreferrer\">l</a>"),
             u8("<a href=\"https://x.org\" rel=\"noopener noreferrer\">https://x.org</a>")},
            {}, kBase);
        row("gfm strikethrough and emphasis", cmark("~~gone~~ *em* **strong** `code`"),
            {u8("<p><del>gone</del> <em>em</em> <strong>strong</strong> <code>code</code></p>")});

        // Links
        row("relative link without base", u8("<a href=\"../p.html\">l</a>"), {u8("<a>l</a>")});
        row("protocol-relative with base", u8("<a href=\"//cdn.example/x\">l</a>"),
            {u8("href=\"https://cdn.example/x\"")}, {}, kBase);
        row("query resolved", u8("<a href=\"?page=2&amp;q=%E4%B8%AD\">l</a>"),
            {u8("href=\"https://blog.example/posts/a/index.html?page=2&amp;q=%E4%B8%AD\"")}, {}, kBase);
        row("mailto", u8("<a href=\"mailto:me@example.org\">m</a>"),
            {u8("<a href=\"mailto:me@example.org\" rel=\"noopener noreferrer\">m</a>")});
        row("fragment stays a fragment", u8("<a href=\"#intro\">i</a><h2 id=\"intro\">I</h2>"),
            {u8("<a href=\"#user-content-intro\">i</a><h2 id=\"user-content-intro\">I</h2>")}, {u8("rel=")}, kBase);
        row("prefixed id stays", u8("<a href=\"#user-content-x\" id=\"user-content-y\">x</a>"),
            {u8("href=\"#user-content-x\""), u8("id=\"user-content-y\"")}, {u8("user-content-user-content")});
        row("named anchor becomes id", u8("<a name=\"sec1\"></a>"), {u8("<a id=\"user-content-sec1\"></a>")},
            {u8("name=")});
        row("idn and spaces encoded", u8("<a href=\"https://例子.测试/a b\">x</a>"),
            {u8("href=\"https://xn--fsqu00a.xn--0zwm56d/a%20b\"")});
        row("http without host refused", u8("<a href=\"https:evil.example\">x</a>"), {u8("<a>x</a>")});

        // Images
        row("image without base is a placeholder", u8("<img src=\"fig.png\" alt=\"图 1\">"),
            {u8("<span class=\"image-missing\" title=\"图 1\">图 1</span>")}, {u8("<img")});
        row("data png kept", u8("<img src=\"data:image/png;base64,iVBORw0KGgo=\">"),
            {u8("<img src=\"data:image/png;base64,iVBORw0KGgo=\">")});
        row("data svg kept", u8("<img src=\"DATA:image/svg+xml;base64,PHN2Zz4=\">"),
            {u8("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">")});
        row("image size attributes",
            u8("<img src=\"https://i.example/a.png\" width=\"600\" height=\"50%\" "
               "align=\"left\" loading=\"lazy\">"),
            {u8("<img src=\"https://i.example/a.png\" width=\"600\" height=\"50%\">")}, {u8("align"), u8("loading")});
        row("bad size dropped", u8("<img src=\"https://i.example/a.png\" width=\"expression(1)\">"),
            {u8("<img src=\"https://i.example/a.png\">")});
        row("picture keeps its img",
            u8("<picture><source srcset=\"a.webp\"><img src=\"https://i.example/a.png\">"
               "</picture>"),
            {u8("<img src=\"https://i.example/a.png\">")}, {u8("picture"), u8("source"), u8("webp")});

        // Attributes and classes
        row("list attributes", u8("<ol start=\"3\" reversed type=\"a\" class=\"x\"><li value=\"7\">a</li></ol>"),
            {u8("<ol start=\"3\" reversed=\"\" type=\"a\"><li value=\"7\">a</li></ol>")});
        row("bad list attributes", u8("<ol start=\"three\" type=\"disc\"><li value=\"x\">a</li></ol>"),
            {u8("<ol><li>a</li></ol>")});
        row("table cell attributes",
            u8("<table><tr><th scope=\"COL\" colspan=\"2\" rowspan=\"x\" "
               "align=\"CENTER\">h</th></tr></table>"),
            {u8("<th colspan=\"2\" scope=\"col\" align=\"center\">h</th>")}, {u8("rowspan")});
        row("paragraph align", u8("<p align=\"Center\" class=\"lead\">x</p>"), {u8("<p align=\"center\">x</p>")});
        row("global attributes", u8("<span lang=\"zh-CN\" dir=\"RTL\" title=\"t &amp; &quot;q&quot;\">x</span>"),
            {u8("<span title=\"t &amp; &quot;q&quot;\" lang=\"zh-CN\" dir=\"rtl\">x</span>")});
        row("bad lang dropped", u8("<span lang=\"x;y\" dir=\"up\">x</span>"), {u8("<span>x</span>")});
        row("time and del", u8("<time datetime=\"2024-01-02\">2 Jan</time><del datetime=\"2024\">old</del>"),
            {u8("<time datetime=\"2024-01-02\">2 Jan</time><del datetime=\"2024\">old</del>")});
        row("classes filtered per element",
            u8("<code class=\"hljs language-python x\">c</code>"
               "<span class=\"math inline big\">m</span>"
               "<p class=\"math footnotes\">p</p>"),
            {u8("<code class=\"language-python\">c</code>"), u8("<span class=\"math inline\">m</span>"),
             u8("<p class=\"footnotes\">p</p>")},
            {u8("hljs"), u8("big")});
        row("math div kept", u8("<div class=\"math display\">\\sum_i x_i</div>"),
            {u8("<div class=\"math display\">\\sum_i x_i</div>")});
        row("ruby and details",
            u8("<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby><details><summary>S</summary>"
               "D</details>"),
            {u8("<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby><details><summary>S</summary>D</details>")});
        row("abbr kbd samp var",
            u8("<abbr title=\"HyperText\">HTML</abbr> <kbd>Ctrl</kbd> <samp>out</samp> "
               "<var>n</var> <mark>m</mark> <q>q</q> <dfn>d</dfn> <sub>1</sub><sup>2</sup>"),
            {u8("<abbr title=\"HyperText\">HTML</abbr> <kbd>Ctrl</kbd> <samp>out</samp> <var>n</var> <mark>m</mark> "
                "<q>q</q> <dfn>d</dfn> <sub>1</sub><sup>2</sup>")});

        // Renamed and unwrapped elements
        row("renamed blocks", u8("<nav>n</nav><aside>a</aside><main>m</main><center>c</center><address>ad</address>"),
            {u8("<section>n</section><section>a</section><section>m</section><section>c</section><div>ad</div>")});
        row("renamed inline", u8("<tt>t</tt><strike>s</strike><acronym title=\"x\">a</acronym>"),
            {u8("<code>t</code><s>s</s><abbr title=\"x\">a</abbr>")});
        row("menu and dir become lists", u8("<menu><li>a</li></menu><dir><li>b</li></dir>"),
            {u8("<ul><li>a</li></ul><ul><li>b</li></ul>")});
        row("listing becomes pre", u8("<listing>\nx &lt; y</listing>"), {u8("<pre>x &lt; y</pre>")});
        row("unknown elements unwrapped",
            u8("<custom-el data-x=\"1\">text <o:p>more</o:p></custom-el>"
               "<font color=\"red\">red</font>"),
            {u8("text more"), u8("red")}, {u8("custom"), u8("o:p"), u8("font")});

        // Text and escaping
        row("entities round trip as characters", u8("a&nbsp;b &amp; &lt;c&gt; &quot;d&quot; &#x1F600; &copy;"),
            {u8("a\u00a0b &amp; &lt;c&gt; &quot;d&quot; 😀 ©")}, {u8("&nbsp;")});
        row("pre keeps leading newline", u8("<pre>\n\ncode</pre>"), {u8("<pre>\n\ncode</pre>")});
        row("chinese text", u8("<p>中文，标点。</p>"), {u8("<p>中文，标点。</p>")});
    }

    void kept()
    {
        QFETCH(QString, html);
        QFETCH(QString, base);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        SanitizeOptions options;
        options.baseUrl = QUrl(base);
        const QString out = sanitizeHtml(html, options);
        for (const QString& s : present)
            QVERIFY2(out.contains(s), qPrintable(QStringLiteral("missing %1 in:\n%2").arg(s, out)));
        for (const QString& s : absent)
            QVERIFY2(!out.contains(s, Qt::CaseInsensitive), qPrintable(QStringLiteral("found %1 in:\n%2").arg(s, out)));
        const QStringList violations = sanitizerchecks::violations(out);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(QLatin1String(", ")) + QLatin1Char('\n') + out));
        QCOMPARE(sanitizeHtml(out, options), out);
    }

    void mapImage_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QStringList>("asked"); // the URLs mapImage received
        QTest::newRow("mapped") << u8("<img src=\"fig.png\" alt=\"f\">") << u8(kBase)
                                << u8("<img src=\"folio://reader/img/https://blog.example/posts/a/fig.png\" alt=\"f\">")
                                << QStringList{u8("https://blog.example/posts/a/fig.png")};
        QTest::newRow("refused becomes placeholder")
            << u8("<img src=\"https://cdn.example/skip.png\" alt=\"a &lt; b\">") << QString()
            << u8("<span class=\"image-missing\" title=\"a &lt; b\">a &lt; b</span>")
            << QStringList{u8("https://cdn.example/skip.png")};
        QTest::newRow("local file through base")
            << u8("<img src=\"images/x.png\">") << u8("file:///home/u/notes/post.md")
            << u8("<img src=\"folio://reader/img/file:///home/u/notes/images/x.png\">")
            << QStringList{u8("file:///home/u/notes/images/x.png")};
        QTest::newRow("javascript never asked") << u8("<img src=\"javascript:alert(1)\">") << QString()
                                                << u8("<span class=\"image-missing\"></span>") << QStringList();
        QTest::newRow("data html never asked") << u8("<img src=\"data:text/html,x\">") << QString()
                                               << u8("<span class=\"image-missing\"></span>") << QStringList();
        QTest::newRow("answer checked too")
            << u8("<img src=\"https://i.example/evil.png\">") << QString()
            << u8("<span class=\"image-missing\"></span>") << QStringList{u8("https://i.example/evil.png")};
    }

    // A stand-in for the view's mapImage: skips one URL, answers javascript: for another, maps the rest.
    void mapImage()
    {
        QFETCH(QString, html);
        QFETCH(QString, base);
        QFETCH(QString, expected);
        QFETCH(QStringList, asked);
        QStringList received;
        SanitizeOptions options;
        options.baseUrl = QUrl(base);
        options.mapImage = [&received](const QUrl& url) {
            const QString s = url.toString(QUrl::FullyEncoded);
            received << s;
            if (s.contains(u8("skip")))
                return QString();
            if (s.contains(u8("evil")))
                return u8("javascript:alert(1)");
            return s.startsWith(u8("folio:")) ? s : u8("folio://reader/img/") + s;
        };
        const QString out = sanitizeHtml(html, options);
        QCOMPARE(out, expected);
        QCOMPARE(received, asked);
        QVERIFY(sanitizerchecks::violations(out, {u8("folio://reader/img/")}).isEmpty());
    }

    // The whole of a realistic Markdown article through cmark-gfm, sanitized twice.
    void markdownArticleStable()
    {
        const QString markdown = u8("# 标题\n\n正文 **粗体** 和 [链接](https://example.org) 以及脚注[^a]。\n\n"
                                    "| 模型 | 分数 |\n|:--|--:|\n| BERT | 80.5 |\n\n- [x] 完成\n- [ ] 未完成\n\n"
                                    "```python\nprint('<hi>')\n```\n\n> 引用 <span style=\"color:red\" "
                                    "onclick=\"x()\">红</span>\n\n[^a]: 脚注内容。\n");
        SanitizeOptions options;
        options.baseUrl = QUrl(u8(kBase));
        const QString out = sanitizeHtml(CmarkDocument(markdown).html(), options);
        QVERIFY(out.contains(u8("<h1>标题</h1>")));
        QVERIFY(out.contains(u8("<blockquote>\n<p>引用 <span>红</span></p>\n</blockquote>")));
        QVERIFY(sanitizerchecks::violations(out).isEmpty());
        QCOMPARE(sanitizeHtml(out, options), out);
    }
};

QTEST_GUILESS_MAIN(TestHtmlSanitizerMarkup)
#include "tst_htmlsanitizer_markup.moc"
