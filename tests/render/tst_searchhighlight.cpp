#include "render/searchhighlight.h"

#include <QTest>

using namespace folio;

namespace {

QString mark(const QString& text)
{
    return QStringLiteral("<mark class=\"search-hit\">") + text + QStringLiteral("</mark>");
}

} // namespace

class TestSearchHighlight : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void marksTextOnly_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QStringList>("terms");
        QTest::addColumn<QString>("expected");

        const QStringList rope{QStringLiteral("rope")};
        QTest::newRow("case-insensitive, every occurrence")
            << QStringLiteral("<p>RoPE and rope.</p>") << rope
            << QStringLiteral("<p>") + mark(QStringLiteral("RoPE")) + QStringLiteral(" and ") +
                   mark(QStringLiteral("rope")) + QStringLiteral(".</p>");
        QTest::newRow("never in attributes or tag names")
            << QStringLiteral("<a href=\"https://rope.example/\" title=\"rope\">x</a>") << rope
            << QStringLiteral("<a href=\"https://rope.example/\" title=\"rope\">x</a>");
        QTest::newRow("attribute value with >")
            << QStringLiteral("<img alt=\"a > rope\"><p>rope</p>") << rope
            << QStringLiteral("<img alt=\"a > rope\"><p>") + mark(QStringLiteral("rope")) + QStringLiteral("</p>");
        QTest::newRow("CJK substring") << QStringLiteral("<p>旋转位置编码很好</p>")
                                       << QStringList{QStringLiteral("位置编码")}
                                       << QStringLiteral("<p>旋转") + mark(QStringLiteral("位置编码")) +
                                              QStringLiteral("很好</p>");
        QTest::newRow("overlapping terms become one mark")
            << QStringLiteral("<p>位置编码</p>") << QStringList{QStringLiteral("位置编码"), QStringLiteral("编码")}
            << QStringLiteral("<p>") + mark(QStringLiteral("位置编码")) + QStringLiteral("</p>");
        QTest::newRow("not inside math spans")
            << QStringLiteral("<p>rope <span class=\"math inline\">\\text{rope}</span> rope</p>") << rope
            << QStringLiteral("<p>") + mark(QStringLiteral("rope")) +
                   QStringLiteral(" <span class=\"math inline\">\\text{rope}</span> ") + mark(QStringLiteral("rope")) +
                   QStringLiteral("</p>");
        QTest::newRow("nested spans inside math")
            << QStringLiteral("<span class=\"math display\"><span>x</span> x</span> x")
            << QStringList{QStringLiteral("x")}
            << QStringLiteral("<span class=\"math display\"><span>x</span> x</span> ") + mark(QStringLiteral("x"));
        QTest::newRow("a class merely containing math is text")
            << QStringLiteral("<span class=\"mathematics\">x</span>") << QStringList{QStringLiteral("x")}
            << QStringLiteral("<span class=\"mathematics\">") + mark(QStringLiteral("x")) + QStringLiteral("</span>");
        QTest::newRow("not inside pre, inline code is fine")
            << QStringLiteral("<pre><code>rope()</code></pre><p><code>rope</code></p>") << rope
            << QStringLiteral("<pre><code>rope()</code></pre><p><code>") + mark(QStringLiteral("rope")) +
                   QStringLiteral("</code></p>");
        QTest::newRow("entities stay whole")
            << QStringLiteral("<p>c&amp;d &lt;b&gt; &amp;amp;</p>")
            << QStringList{QStringLiteral("c&d"), QStringLiteral("amp")}
            << QStringLiteral("<p>") + mark(QStringLiteral("c&amp;d")) + QStringLiteral(" &lt;b&gt; &amp;") +
                   mark(QStringLiteral("amp")) + QStringLiteral(";</p>");
        QTest::newRow("term that is markup matches only text")
            << QStringLiteral("<p>a <b>bold</b> &lt;b&gt;</p>") << QStringList{QStringLiteral("<b>")}
            << QStringLiteral("<p>a <b>bold</b> ") + mark(QStringLiteral("&lt;b&gt;")) + QStringLiteral("</p>");
        QTest::newRow("comments untouched")
            << QStringLiteral("<!-- rope --><p>x</p>") << rope << QStringLiteral("<!-- rope --><p>x</p>");
        QTest::newRow("no terms") << QStringLiteral("<p>rope</p>") << QStringList{QStringLiteral("  ")}
                                  << QStringLiteral("<p>rope</p>");
        QTest::newRow("unterminated tag")
            << QStringLiteral("<p>rope</p><a href=\"rope") << rope
            << QStringLiteral("<p>") + mark(QStringLiteral("rope")) + QStringLiteral("</p><a href=\"rope");
    }

    void marksTextOnly()
    {
        QFETCH(QString, html);
        QFETCH(QStringList, terms);
        QFETCH(QString, expected);
        QCOMPARE(highlightSearchTerms(html, terms), expected);
    }

    void longInputIsLinear()
    {
        QString html;
        for (int i = 0; i < 20000; ++i)
            html += QStringLiteral("<p>位置编码 <span class=\"math inline\">x</span> rope</p>");
        const QString out = highlightSearchTerms(html, {QStringLiteral("编码"), QStringLiteral("rope")});
        QCOMPARE(out.count(QStringLiteral("<mark")), 40000);
    }
};

QTEST_GUILESS_MAIN(TestSearchHighlight)
#include "tst_searchhighlight.moc"
