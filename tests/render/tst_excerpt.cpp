#include "render/excerpt.h"

#include <QTest>

using namespace folio;

namespace {

const QChar kEllipsis(0x2026);

} // namespace

class TestExcerpt : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void markdownExcerpt_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<int>("maxChars");
        QTest::addColumn<QString>("excerpt");

        QTest::newRow("math keeps its underscores and stars")
            << QStringLiteral("Loss $a_i*b_j*c$ and $x^*$ and $y^*$, \\(q_m\\) too.\n") << 280
            << QStringLiteral("Loss aᵢ*bⱼ*c and x* and y*, qₘ too.");
        QTest::newRow("price is not math")
            << QStringLiteral("价格 $20 和 $30。\n") << 280 << QStringLiteral("价格 $20 和 $30。");
        QTest::newRow("first paragraph after heading")
            << QStringLiteral("# Title\n\nFirst paragraph here.\n\nSecond paragraph.\n") << 280
            << QStringLiteral("First paragraph here.");
        QTest::newRow("more marker") << QStringLiteral("Intro *one*.\n\nIntro two.\n\n<!--more-->\n\nRest of it.\n")
                                     << 280 << QStringLiteral("Intro one. Intro two.");
        QTest::newRow("spaced more marker")
            << QStringLiteral("Before.\n\n<!-- more -->\n\nAfter.\n") << 280 << QStringLiteral("Before.");
        QTest::newRow("uppercase more marker")
            << QStringLiteral("Before.\n<!--MORE-->\nAfter.\n") << 280 << QStringLiteral("Before.");
        QTest::newRow("more marker keeps heading text")
            << QStringLiteral("# Title\n\nLead.\n\n<!--more-->\nRest.\n") << 280 << QStringLiteral("Title Lead.");
        QTest::newRow("more marker keeps list items")
            << QStringLiteral("- one\n- two\n\n<!--more-->\n") << 280 << QStringLiteral("one two");
        QTest::newRow("empty before more marker") << QStringLiteral("<!--more-->\nAfter.\n") << 280 << QString();
        QTest::newRow("inline markup reduced to text")
            << QStringLiteral("Some **bold**, _em_, [a link](https://x.y/z \"t\") and `code()`.") << 280
            << QStringLiteral("Some bold, em, a link and code().");
        QTest::newRow("strikethrough text kept") << QStringLiteral("~~old~~ new") << 280 << QStringLiteral("old new");
        QTest::newRow("raw inline html dropped") << QStringLiteral("Text <span class=\"x\">inside</span> end<br/>.")
                                                 << 280 << QStringLiteral("Text inside end.");
        QTest::newRow("html block skipped") << QStringLiteral("<div class=\"note\">\nblock\n</div>\n\nReal text.\n")
                                            << 280 << QStringLiteral("Real text.");
        QTest::newRow("html comment skipped")
            << QStringLiteral("<!-- draft note -->\n\nVisible.\n") << 280 << QStringLiteral("Visible.");
        QTest::newRow("image-only paragraph skipped")
            << QStringLiteral("![A diagram of attention](img/attn.png)\n\nNext paragraph.\n") << 280
            << QStringLiteral("Next paragraph.");
        QTest::newRow("image alt dropped inline")
            << QStringLiteral("See ![diagram **bold**](d.png) here.") << 280 << QStringLiteral("See here.");
        QTest::newRow("linked image dropped")
            << QStringLiteral("[![badge](b.svg)](https://ci)\n\nText.\n") << 280 << QStringLiteral("Text.");
        QTest::newRow("soft break becomes space")
            << QStringLiteral("line one\nline two") << 280 << QStringLiteral("line one line two");
        QTest::newRow("hard break becomes space") << QStringLiteral("a  \nb\\\nc") << 280 << QStringLiteral("a b c");
        QTest::newRow("entities decoded")
            << QStringLiteral("AT&amp;T &lt;tag&gt; &copy;") << 280 << QStringLiteral("AT&T <tag> ©");
        QTest::newRow("backslash escapes") << QStringLiteral("\\*not em\\*") << 280 << QStringLiteral("*not em*");
        QTest::newRow("code block skipped")
            << QStringLiteral("```python\nprint(1)\n```\n\nPara.\n") << 280 << QStringLiteral("Para.");
        QTest::newRow("list skipped without marker")
            << QStringLiteral("- item\n\nPara.\n") << 280 << QStringLiteral("Para.");
        QTest::newRow("blockquote skipped")
            << QStringLiteral("> quoted\n\nOwn words.\n") << 280 << QStringLiteral("Own words.");
        QTest::newRow("autolink text kept") << QStringLiteral("Visit https://example.com now.") << 280
                                            << QStringLiteral("Visit https://example.com now.");
        QTest::newRow("math keeps text") << QStringLiteral("Energy $E = mc^2$ holds.") << 280
                                         << QStringLiteral("Energy E = mc² holds.");
        QTest::newRow("math that text cannot hold keeps its TeX")
            << QStringLiteral("Cases $\\begin{cases} a \\end{cases}$ here.") << 280
            << QStringLiteral("Cases $\\begin{cases} a \\end{cases}$ here.");
        QTest::newRow("whitespace collapsed") << QStringLiteral("  lots   of\n\n") << 280 << QStringLiteral("lots of");
        QTest::newRow("cjk paragraph") << QStringLiteral("# 标题\n\n位置编码让模型知道顺序。\n") << 280
                                       << QStringLiteral("位置编码让模型知道顺序。");
        QTest::newRow("heading only") << QStringLiteral("# Only a heading\n") << 280 << QString();
        QTest::newRow("empty") << QString() << 280 << QString();
        QTest::newRow("truncated on word") << QStringLiteral("The quick brown fox jumps over the lazy dog.") << 20
                                           << QString(QStringLiteral("The quick brown fox") + kEllipsis);
        QTest::newRow("cjk truncated") << QStringLiteral("位置编码让模型知道顺序。") << 5
                                       << QString(QStringLiteral("位置编码") + kEllipsis);
        QTest::newRow("more section truncated") << QStringLiteral("alpha beta gamma\n\ndelta epsilon\n<!--more-->")
                                                << 12 << QString(QStringLiteral("alpha beta") + kEllipsis);
    }

    void markdownExcerpt()
    {
        QFETCH(QString, markdown);
        QFETCH(int, maxChars);
        QFETCH(QString, excerpt);
        const QString actual = folio::markdownExcerpt(markdown, maxChars);
        QCOMPARE(actual, excerpt);
        QVERIFY(actual.size() <= maxChars);
    }

    void defaultLimitIs280()
    {
        const QString longText = QStringLiteral("word ").repeated(200);
        const QString excerpt = folio::markdownExcerpt(longText);
        QVERIFY(excerpt.size() <= 280);
        QVERIFY(excerpt.size() > 270);
        QVERIFY(excerpt.endsWith(kEllipsis));
    }

    void truncateText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("maxChars");
        QTest::addColumn<QString>("expected");

        const auto cut = [](const QString& s) { return QString(s + kEllipsis); };
        QTest::newRow("short unchanged") << QStringLiteral("hello") << 10 << QStringLiteral("hello");
        QTest::newRow("exact length unchanged") << QStringLiteral("hello") << 5 << QStringLiteral("hello");
        QTest::newRow("empty") << QString() << 5 << QString();
        QTest::newRow("cut at space before limit")
            << QStringLiteral("hello world foo") << 12 << cut(QStringLiteral("hello world"));
        QTest::newRow("cut back to word boundary")
            << QStringLiteral("The quick brown fox jumps") << 15 << cut(QStringLiteral("The quick"));
        QTest::newRow("no boundary in second half")
            << QStringLiteral("abcdefghijklmnop") << 10 << cut(QStringLiteral("abcdefghi"));
        QTest::newRow("boundary too early is ignored")
            << QStringLiteral("a bcdefghijklmnop") << 10 << cut(QStringLiteral("a bcdefgh"));
        QTest::newRow("trailing spaces trimmed")
            << QStringLiteral("hello     world") << 8 << cut(QStringLiteral("hello"));
        QTest::newRow("cjk cut at limit")
            << QStringLiteral("自然语言处理是人工智能的一个分支") << 8 << cut(QStringLiteral("自然语言处理是"));
        QTest::newRow("cjk after latin") << QStringLiteral("BERT模型很强大而且很流行") << 8
                                         << cut(QStringLiteral("BERT模型很"));
        QTest::newRow("fullwidth punctuation")
            << QStringLiteral("你好，世界！再见，朋友。") << 6 << cut(QStringLiteral("你好，世界"));
        QTest::newRow("emoji pair not split") << QStringLiteral("ab😀cd") << 4 << cut(QStringLiteral("ab"));
        QTest::newRow("emoji run odd limit") << QStringLiteral("😀😀😀😀") << 4 << cut(QStringLiteral("😀"));
        QTest::newRow("emoji run even cut") << QStringLiteral("😀😀😀😀") << 5 << cut(QStringLiteral("😀😀"));
        QTest::newRow("limit 1") << QStringLiteral("hello") << 1 << QString(kEllipsis);
        QTest::newRow("limit 0") << QStringLiteral("hello") << 0 << QString();
        QTest::newRow("negative limit") << QStringLiteral("hello") << -3 << QString();
    }

    void truncateText()
    {
        QFETCH(QString, text);
        QFETCH(int, maxChars);
        QFETCH(QString, expected);
        const QString actual = folio::truncateText(text, maxChars);
        QCOMPARE(actual, expected);
        QVERIFY(actual.size() <= qMax(0, maxChars));
    }

    void truncateNeverExceedsOrSplits_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("mixed") << QStringLiteral(
            "Hello 世界 😀 emoji 🎉🎉 text, 自然语言处理 and more words 👍🏽 here");
        QTest::newRow("emoji only") << QStringLiteral("😀🎉👍🏽🚀😀🎉👍🏽🚀😀🎉");
        QTest::newRow("latin long word") << QStringLiteral("Supercalifragilisticexpialidocious is a word");
        QTest::newRow("cjk") << QStringLiteral("位置编码让模型知道每个词在句子中的顺序。");
        QTest::newRow("math symbols") << QStringLiteral("𝑥 ∈ 𝐑 and 𝑦 ∈ 𝐂 with 𝔼[𝑥]");
    }

    void truncateNeverExceedsOrSplits()
    {
        QFETCH(QString, text);
        for (int maxChars = 1; maxChars <= text.size() + 1; ++maxChars) {
            const QString actual = folio::truncateText(text, maxChars);
            const QByteArray where = QByteArray::number(maxChars);
            QVERIFY2(actual.size() <= maxChars, where.constData());
            QVERIFY2(actual.isValidUtf16(), where.constData()); // no lone surrogate
            if (text.size() <= maxChars) {
                QCOMPARE(actual, text);
            } else {
                QVERIFY2(actual.endsWith(kEllipsis), where.constData());
                QVERIFY2(text.startsWith(actual.chopped(1)), where.constData());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestExcerpt)
#include "tst_excerpt.moc"
