// Formulas written as plain text for listing excerpts, and the TeX kept where that cannot be done faithfully.
#include "render/excerpt.h"
#include "render/mathtext.h"

#include <QTest>

class TestMathText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void converts_data()
    {
        QTest::addColumn<QString>("tex");
        QTest::addColumn<QString>("text");
        const auto row = [](const char* name, const QString& tex, const QString& text) {
            QTest::newRow(name) << tex << text;
        };
        row("square", QStringLiteral("x^2"), QStringLiteral("x²"));
        row("spaces kept", QStringLiteral("E = mc^2"), QStringLiteral("E = mc²"));
        row("bold vectors, transpose", QStringLiteral("\\boldsymbol{q}_m^\\top \\boldsymbol{k}_n"),
            QStringLiteral("qₘᵀ kₙ"));
        row("RoPE", QStringLiteral("\\operatorname{Re}[q_m k_n^* e^{i(m-n)\\theta}]"),
            QStringLiteral("Re[qₘ kₙ* eⁱ⁽ᵐ⁻ⁿ⁾ᶿ]"));
        row("attention scale", QStringLiteral("\\frac{QK^T}{\\sqrt{d_k}}"), QStringLiteral("QKᵀ/√dₖ"));
        row("fraction of a sum", QStringLiteral("\\frac{a+b}{2}"), QStringLiteral("(a+b)/2"));
        row("sum with limits", QStringLiteral("\\sum_{i=1}^{n} x_i"), QStringLiteral("∑ᵢ₌₁ⁿ xᵢ"));
        row("big O", QStringLiteral("O(\\sqrt{n})"), QStringLiteral("O(√n)"));
        row("blackboard", QStringLiteral("\\mathbb{R}^{d}"), QStringLiteral("ℝᵈ"));
        row("script without a Unicode form", QStringLiteral("W_{q}"), QStringLiteral("W_q"));
        row("several characters", QStringLiteral("q_{m,n}"), QStringLiteral("q_(m,n)"));
        row("text keeps its hyphen", QStringLiteral("\\text{pre-training}"), QStringLiteral("pre-training"));
        row("minus sign", QStringLiteral("a - b"), QStringLiteral("a − b"));
        row("accent", QStringLiteral("\\hat{y}"), QStringLiteral("y\u0302"));
        row("relations", QStringLiteral("\\alpha \\leq \\beta"), QStringLiteral("α ≤ β"));
        row("prime", QStringLiteral("f'(x)"), QStringLiteral("f′(x)"));
        row("cube root", QStringLiteral("\\sqrt[3]{x}"), QStringLiteral("³√x"));
        row("sized brackets", QStringLiteral("\\left( \\frac{1}{2} \\right)"), QStringLiteral("(1/2)"));
        row("loss with text subscript", QStringLiteral("\\mathcal{L}_{\\text{ce}}"), QStringLiteral("L_(ce)"));
        row("norm", QStringLiteral("\\|x\\|_2"), QStringLiteral("‖x‖₂"));
        row("argmax", QStringLiteral("\\operatorname*{argmax}_x f"), QStringLiteral("argmaxₓ f"));
    }

    void converts()
    {
        QFETCH(QString, tex);
        QFETCH(QString, text);
        QCOMPARE(folio::mathAsText(tex).value_or(QStringLiteral("<none>")), text);
    }

    void keepsTheTexWhenItCannot_data()
    {
        QTest::addColumn<QString>("tex");
        QTest::newRow("environment") << QStringLiteral("\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}");
        QTest::newRow("unknown command") << QStringLiteral("\\foo{x}");
        QTest::newRow("link") << QStringLiteral("\\href{https://x}{y}");
        QTest::newRow("unbalanced brace") << QStringLiteral("a}");
        QTest::newRow("unclosed group") << QStringLiteral("{a");
        QTest::newRow("script without argument") << QStringLiteral("x^");
        QTest::newRow("empty") << QStringLiteral("  ");
        QTest::newRow("too long") << QStringLiteral("x+").repeated(120);
    }

    void keepsTheTexWhenItCannot()
    {
        QFETCH(QString, tex);
        QVERIFY(!folio::mathAsText(tex).has_value());
    }

    void htmlExcerptWritesMarkedMathAsText()
    {
        QCOMPARE(folio::htmlExcerpt(QStringLiteral("<p>Attention <span class=\"math inline\">QK^T</span> &amp; "
                                                   "&lt;more&gt;</p><p>Next</p>")),
                 QStringLiteral("Attention QKᵀ & <more> Next"));
        // What cannot be written as text keeps its TeX (the sanitizer already dropped the delimiters).
        QCOMPARE(folio::htmlExcerpt(QStringLiteral("<p>Cases <span class=\"math display\">\\begin{cases}a &amp; "
                                                   "b\\end{cases}</span></p>")),
                 QStringLiteral("Cases \\begin{cases}a & b\\end{cases}"));
        // A long article: the excerpt is cut, and never ends in a piece of a tag.
        QString longHtml;
        for (int i = 0; i < 400; ++i)
            longHtml +=
                QStringLiteral("<p><a href=\"https://example.org/a/very/long/address/%1\">link %1</a></p>").arg(i);
        const QString excerpt = folio::htmlExcerpt(longHtml, 100);
        QVERIFY(excerpt.size() <= 101);
        QVERIFY(excerpt.endsWith(QChar(0x2026)));
        QVERIFY(!excerpt.contains(QLatin1Char('<')));
        QVERIFY(excerpt.startsWith(QStringLiteral("link 0 link 1")));
    }
};

QTEST_GUILESS_MAIN(TestMathText)
#include "tst_mathtext.moc"
