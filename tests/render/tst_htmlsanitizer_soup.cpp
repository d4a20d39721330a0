// Seeded random tag soup, mixing the elements, attributes and text that trip sanitizers (foreign content, raw
// text, tables, forms, unclosed and mis-nested tags, scheme spellings, math delimiters): whatever the input,
// the output must pass the allowlist check and be stable. This is how the mis-nesting rules were found.

#include "render/htmlsanitizer.h"
#include "sanitizerchecks.h"

#include <QRandomGenerator>
#include <QTest>

using namespace folio;

namespace {

const char* const kTags[] = {"p",
                             "div",
                             "span",
                             "b",
                             "i",
                             "a",
                             "li",
                             "ul",
                             "ol",
                             "table",
                             "tr",
                             "td",
                             "th",
                             "tbody",
                             "caption",
                             "colgroup",
                             "col",
                             "pre",
                             "code",
                             "svg",
                             "math",
                             "mi",
                             "mtext",
                             "mglyph",
                             "style",
                             "script",
                             "noscript",
                             "template",
                             "select",
                             "option",
                             "textarea",
                             "form",
                             "input",
                             "button",
                             "iframe",
                             "object",
                             "img",
                             "br",
                             "hr",
                             "h1",
                             "h2",
                             "nav",
                             "address",
                             "center",
                             "marquee",
                             "font",
                             "nobr",
                             "em",
                             "s",
                             "tt",
                             "xmp",
                             "listing",
                             "title",
                             "foo",
                             "dl",
                             "dt",
                             "dd",
                             "ruby",
                             "rt",
                             "details",
                             "summary",
                             "section",
                             "figure",
                             "blockquote",
                             "sup",
                             "annotation",
                             "foreignObject",
                             "desc",
                             "frameset",
                             "body",
                             "head",
                             "meta",
                             "base",
                             "menu",
                             "fieldset",
                             "legend",
                             "video",
                             "source",
                             "picture"};
const char* const kAttributes[] = {"href",       "src",        "onclick", "onerror", "style",    "class",   "id",
                                   "name",       "title",      "alt",     "align",   "type",     "checked", "srcset",
                                   "xlink:href", "formaction", "lang",    "start",   "encoding", "display"};
const char* const kValues[] = {"javascript:alert(1)",
                               "java&#x09;script:alert(1)",
                               " JaVaScRiPt:x",
                               "data:text/html,<script>x</script>",
                               "data:image/png;base64,AAAA",
                               "https://x.org/?q=\"'<>",
                               "#fn-1",
                               "math inline",
                               "math display",
                               "language-c++ hljs",
                               "checkbox",
                               "</noscript><img src=x onerror=alert(1)>",
                               "application/x-tex",
                               "//evil.example",
                               "../rel.png",
                               "mailto:a@b.c",
                               "image-missing",
                               ""};
const char* const kTexts[] = {"hello", "\\(x^2\\)", "\\[y\\]", "$$z$$",    "$5 and $6", "\\\\(no\\)", "a<b",
                              "&amp;", "&nbsp;",    "&#0;",    "\n",       "中文",      "<!-- c -->", "<![CDATA[ x ]]>",
                              "</p>",  "</br>",     "</td>",   "</table>", "<",         "\"",         "\\",
                              "$$",    "\\(",       "\\)"};

template <typename T, size_t N> const char* pick(QRandomGenerator& random, const T (&items)[N])
{
    return items[random.bounded(int(N))];
}

QString tagSoup(QRandomGenerator& random, int tokens)
{
    QString html;
    QStringList open;
    for (int i = 0; i < tokens; ++i) {
        const int kind = random.bounded(10);
        if (kind < 4) {
            html += QString::fromUtf8(pick(random, kTexts));
        } else if (kind < 8) {
            const QString tag = QString::fromUtf8(pick(random, kTags));
            html += QLatin1Char('<') + tag;
            for (int a = random.bounded(3); a > 0; --a) {
                html += QLatin1Char(' ') + QString::fromUtf8(pick(random, kAttributes));
                const int quoting = random.bounded(3);
                const QString value = QString::fromUtf8(pick(random, kValues));
                if (quoting == 1)
                    html += QStringLiteral("=\"") + value + QLatin1Char('"');
                else if (quoting == 2)
                    html += QStringLiteral("='") + value + QLatin1Char('\'');
            }
            html += random.bounded(8) == 0 ? QStringLiteral("/>") : QStringLiteral(">");
            open << tag;
        } else if (!open.isEmpty()) {
            const int which = random.bounded(int(open.size()));
            html += QStringLiteral("</") + open.at(which) + QLatin1Char('>');
            if (random.bounded(2))
                open.removeAt(which);
        }
    }
    return html;
}

} // namespace

class TestHtmlSanitizerSoup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void soup_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("tokens");
        for (quint32 seed = 1; seed <= 8; ++seed)
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed << int(20 + seed * 25);
    }

    void soup()
    {
        QFETCH(quint32, seed);
        QFETCH(int, tokens);
        QRandomGenerator random(seed);
        for (int i = 0; i < 250; ++i) {
            const QString html = tagSoup(random, 1 + random.bounded(tokens));
            SanitizeOptions options;
            options.findMathInText = random.bounded(2);
            if (random.bounded(2))
                options.baseUrl = QUrl(QStringLiteral("https://blog.example/a/b.html"));
            const QString out = sanitizeHtml(html, options);
            const QStringList violations = sanitizerchecks::violations(out);
            QVERIFY2(violations.isEmpty(), qPrintable(violations.join(QLatin1String(", ")) + QStringLiteral("\nin: ") +
                                                      html + QStringLiteral("\nout: ") + out));
            QVERIFY2(sanitizeHtml(out, options) == out, qPrintable(QStringLiteral("in: ") + html));
        }
    }
};

QTEST_GUILESS_MAIN(TestHtmlSanitizerSoup)
#include "tst_htmlsanitizer_soup.moc"
