#include "render/cmarkdocument.h"

#include <QTest>
#include <cmark-gfm.h>

using namespace folio;

class TestCmarkDocument : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void html_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");

        QTest::newRow("gfm table") << QStringLiteral("| a | b |\n|---|:-:|\n| 1 | 2 |\n")
                                   << QStringList{QStringLiteral("<table>"), QStringLiteral("<th>a</th>"),
                                                  QStringLiteral("<td>1</td>"), QStringLiteral("align=\"center\"")}
                                   << QStringList{QStringLiteral("|---|")};
        QTest::newRow("strikethrough double tilde")
            << QStringLiteral("~~gone~~ kept") << QStringList{QStringLiteral("<del>gone</del> kept")}
            << QStringList{QStringLiteral("~~")};
        QTest::newRow("single tilde is not strikethrough")
            << QStringLiteral("~approx~ value") << QStringList{QStringLiteral("~approx~")}
            << QStringList{QStringLiteral("<del>")};
        QTest::newRow("bare https url autolinks")
            << QStringLiteral("Visit https://example.com/path now.")
            << QStringList{QStringLiteral("<a href=\"https://example.com/path\">https://example.com/path</a>")}
            << QStringList();
        QTest::newRow("www autolinks") << QStringLiteral("See www.example.com.")
                                       << QStringList{QStringLiteral("href=\"http://www.example.com\"")}
                                       << QStringList();
        QTest::newRow("task list") << QStringLiteral("- [ ] todo\n- [x] done\n")
                                   << QStringList{QStringLiteral("<input type=\"checkbox\" disabled=\"\" /> todo"),
                                                  QStringLiteral("checked=\"\"")}
                                   << QStringList{QStringLiteral("[ ]"), QStringLiteral("[x]")};
        QTest::newRow("script neutralised by tagfilter")
            << QStringLiteral("<script>alert(1)</script>\n")
            << QStringList{QStringLiteral("&lt;script>"), QStringLiteral("&lt;/script>")}
            << QStringList{QStringLiteral("<script")};
        QTest::newRow("inline script neutralised")
            << QStringLiteral("text <script>x()</script> text") << QStringList{QStringLiteral("&lt;script>")}
            << QStringList{QStringLiteral("<script")};
        QTest::newRow("iframe neutralised")
            << QStringLiteral("<iframe src=\"https://x\"></iframe>\n") << QStringList{QStringLiteral("&lt;iframe")}
            << QStringList{QStringLiteral("<iframe")};
        QTest::newRow("style and textarea neutralised")
            << QStringLiteral("<style>p{}</style>\n\n<textarea>x</textarea>\n")
            << QStringList{QStringLiteral("&lt;style>"), QStringLiteral("&lt;textarea>")}
            << QStringList{QStringLiteral("<style"), QStringLiteral("<textarea")};
        QTest::newRow("other raw html kept (unsafe)")
            << QStringLiteral("<div class=\"note\">\nhi\n</div>\n\nA <span>span</span>.\n")
            << QStringList{QStringLiteral("<div class=\"note\">"), QStringLiteral("<span>span</span>")}
            << QStringList{QStringLiteral("raw HTML omitted")};
        QTest::newRow("footnotes") << QStringLiteral("Claim[^1].\n\n[^1]: Source.\n")
                                   << QStringList{QStringLiteral("footnotes"), QStringLiteral("href=\"#fn-1\"")}
                                   << QStringList{QStringLiteral("[^1]")};
        QTest::newRow("no smart punctuation")
            << QStringLiteral("\"quoted\" -- dash...") << QStringList{QStringLiteral("&quot;quoted&quot; -- dash...")}
            << QStringList{QStringLiteral("“"), QStringLiteral("–")};
        QTest::newRow("utf-8 round trip")
            << QStringLiteral("# 标题\n\n位置*编码* 😀\n")
            << QStringList{QStringLiteral("<h1>标题</h1>"), QStringLiteral("<p>位置<em>编码</em> 😀</p>")}
            << QStringList();
        QTest::newRow("fenced code") << QStringLiteral("```python\nx < 1\n```\n")
                                     << QStringList{QStringLiteral("<code class=\"language-python\">x &lt; 1")}
                                     << QStringList();
    }

    void html()
    {
        QFETCH(QString, markdown);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);

        const CmarkDocument doc(markdown);
        const QString html = doc.html();
        for (const QString& s : present)
            QVERIFY2(html.contains(s), qPrintable(QStringLiteral("missing %1 in:\n%2").arg(s, html)));
        for (const QString& s : absent)
            QVERIFY2(!html.contains(s), qPrintable(QStringLiteral("unexpected %1 in:\n%2").arg(s, html)));
    }

    void emptyDocument()
    {
        const CmarkDocument doc{QString()};
        QVERIFY(doc.root() != nullptr);
        QCOMPARE(cmark_node_get_type(doc.root()), CMARK_NODE_DOCUMENT);
        QVERIFY(cmark_node_first_child(doc.root()) == nullptr);
        QCOMPARE(doc.html(), QString());
    }

    void treeMatchesSource()
    {
        const CmarkDocument doc(QStringLiteral("# Head\n\npara\n\n| a |\n|---|\n| b |\n"));
        cmark_node* first = cmark_node_first_child(doc.root());
        QVERIFY(first);
        QCOMPARE(cmark_node_get_type(first), CMARK_NODE_HEADING);
        QCOMPARE(cmark_node_get_heading_level(first), 1);
        cmark_node* second = cmark_node_next(first);
        QVERIFY(second);
        QCOMPARE(cmark_node_get_type(second), CMARK_NODE_PARAGRAPH);
        cmark_node* third = cmark_node_next(second);
        QVERIFY(third);
        QCOMPARE(QString::fromUtf8(cmark_node_get_type_string(third)), QStringLiteral("table"));
    }

    void documentsAreIndependent()
    {
        // Several live documents at once, each with its own parser and extension list.
        const CmarkDocument a(QStringLiteral("~~a~~"));
        const CmarkDocument b(QStringLiteral("| x |\n|---|\n| y |\n"));
        QVERIFY(a.html().contains(QStringLiteral("<del>a</del>")));
        QVERIFY(b.html().contains(QStringLiteral("<table>")));
        QCOMPARE(a.html(), a.html()); // rendering does not consume the tree
    }
};

QTEST_GUILESS_MAIN(TestCmarkDocument)
#include "tst_cmarkdocument.moc"
