#include "render/plaintext.h"
#include "storage/articlestore.h"
#include "storage/cjktokenizer.h"
#include "storage/sql.h"
#include "support/testlibrary.h"

#include <QTest>

using namespace folio;
using namespace folio::search;

namespace {

// The text of each token.
QStringList tokens(const QByteArray& utf8, TokenizeMode mode = TokenizeMode::Document)
{
    QStringList out;
    const auto sink = [](void* context, const Token& token) {
        const QString text = QString::fromUtf8(token.text.data(), qsizetype(token.text.size()));
        static_cast<QStringList*>(context)->append(text);
        return true;
    };
    tokenize(std::string_view(utf8.constData(), std::size_t(utf8.size())), mode, sink, &out);
    return out;
}

// The ids of articles whose character index matches `expression`.
QList<qint64> characters(Database& db, const QString& expression)
{
    auto q =
        query(db.connection(),
              QStringLiteral("SELECT rowid FROM search_chars WHERE search_chars MATCH ? ORDER BY rowid"), {expression});
    QList<qint64> ids;
    while (q.ok() && q->next())
        ids << q->value(0).toLongLong();
    return ids;
}

QStringList list(const char* spaceSeparated)
{
    return QString::fromUtf8(spaceSeparated).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// The ids of articles whose index matches `expression` (raw FTS5 syntax: tests only).
QList<qint64> matching(Database& db, const QString& expression)
{
    auto q =
        query(db.connection(),
              QStringLiteral("SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid"), {expression});
    if (!q)
        qWarning("%s", qPrintable(q.error()));
    QList<qint64> ids;
    while (q.ok() && q->next())
        ids << q->value(0).toLongLong();
    return ids;
}

} // namespace

class TestSearchTokenizer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cjkRunsBecomeBigrams()
    {
        QCOMPARE(tokens("位置编码"), list("位置 置编 编码"));
        QCOMPARE(tokens("位置编码", TokenizeMode::Query), list("位置 置编 编码"));
        QCOMPARE(tokens("码"), list("码"));
        QCOMPARE(tokens("显存，梯度。"), list("显存 梯度"));
        QCOMPARE(tokens("ひらがなカタカナー"), list("ひら らが がな なカ カタ タカ カナ ナー"));
        QCOMPARE(tokens("한국어 문장"), list("한국 국어 문장"));
    }

    void charactersOnceEach()
    {
        QStringList got;
        const auto sink = [](void* context, const Token& token) {
            static_cast<QStringList*>(context)->append(
                QString::fromUtf8(token.text.data(), qsizetype(token.text.size())));
            return true;
        };
        const QByteArray text = "位置编码，编码器 ＢＥＲＴ x码 ひらがな한";
        tokenizeCharacters(std::string_view(text.constData(), std::size_t(text.size())), sink, &got);
        QCOMPARE(got, list("位 置 编 码 器 ひ ら が な 한"));
    }

    void mixedScriptsSplitAtEveryChange()
    {
        QCOMPARE(tokens("旋转位置编码(RoPE)是Transformer中常用的"),
                 list("旋转 转位 位置 置编 编码 rope 是 transformer 中常 常用 用的"));
        QCOMPARE(tokens("用BERT做", TokenizeMode::Query), list("用 bert 做"));
    }

    void fullWidthAndCaseFold()
    {
        QCOMPARE(tokens("ＢＥＲＴ　ＧＰＴ－４"), list("bert gpt 4"));
        QCOMPARE(tokens("Straße ÉCOLE ΣΊΣΥΦΟΣ"), list("straße école σίσυφοσ"));
        QCOMPARE(tokens("Ｌｏｒａ１２３"), list("lora123"));
    }

    void latexKeepsItsWords()
    {
        QCOMPARE(tokens(R"(\alpha_t = \mathrm{softmax}(QK^\top / \sqrt{d_k}))"),
                 list("alpha t mathrm softmax qk top sqrt d k"));
        QCOMPARE(tokens("θ_i = 10000^{-2i/d}"), list("θ i 10000 2i d"));
    }

    void emojiAndPunctuationSeparate()
    {
        QCOMPARE(tokens("LLM🤖推理🚀fast!!"), list("llm 推理 fast"));
        QCOMPARE(tokens("👩‍💻 — …"), QStringList());
        QCOMPARE(tokens("c++ node.js a:b"), list("c node js a b"));
        QCOMPARE(tokens("e\xCC\x81t\xC3\xA9"), list("e\xCC\x81t\xC3\xA9")); // a combining accent stays in the word
    }

    void invalidUtf8NeverCrashes()
    {
        QCOMPARE(tokens("ab\xFF\xFE"
                        "cd"),
                 list("ab cd"));
        QCOMPARE(tokens("位\xE7\xBD"
                        "编码"),
                 list("位 编码"));                               // a truncated character splits the run
        QCOMPARE(tokens("\xC0\x80\xED\xA0\x80"), QStringList()); // overlong NUL, a surrogate
        QCOMPARE(tokens(QByteArray("x\0y", 3)), list("x y"));
        // Every byte string of a few bytes: no crash, and tokens always lie inside the input.
        QByteArray bytes(3, '\0');
        for (int a = 0; a < 256; a += 3) {
            for (int b = 0; b < 256; b += 5) {
                bytes[0] = char(a);
                bytes[1] = char(b);
                bytes[2] = char(0xE4);
                const auto sink = [](void* context, const Token& token) {
                    const int size = *static_cast<int*>(context);
                    return token.start >= 0 && token.end <= size && token.start < token.end;
                };
                int size = int(bytes.size());
                QVERIFY(tokenize(std::string_view(bytes.constData(), 3), TokenizeMode::Document, sink, &size));
            }
        }
    }

    void overlongWordsAreCut()
    {
        const QByteArray word(1000, 'a');
        const QStringList got = tokens(word + " b");
        QCOMPARE(got.size(), 2);
        QCOMPARE(got.front().size(), kMaxWordBytes);
    }

    void offsetsPointAtTheSource()
    {
        const QByteArray text = "Ａb 位置";
        struct Seen {
            QList<QPair<int, int>> ranges;
        } seen;
        const auto sink = [](void* context, const Token& token) {
            static_cast<Seen*>(context)->ranges.append({token.start, token.end});
            return true;
        };
        tokenize(std::string_view(text.constData(), std::size_t(text.size())), TokenizeMode::Document, sink, &seen);
        // "Ａb" is 4 bytes, "位置" 6 from byte 5.
        QCOMPARE(seen.ranges, (QList<QPair<int, int>>{{0, 4}, {5, 11}}));
    }

    void indexWithPorterFindsStemsAndCharacters()
    {
        test::TestLibrary lib;
        const FeedId feed = lib.feed();
        auto a = test::article(QStringLiteral("a"), 1000);
        a.title = QStringLiteral("Transformer 结构");
        a.content = QStringLiteral("旋转位置编码让模型知道顺序。交叉熵");
        auto b = test::article(QStringLiteral("b"), 2000);
        b.title = QStringLiteral("Checkpointing");
        b.content = QStringLiteral("ＢＥＲＴ uses $\\alpha_t$ and 编，码 apart");
        QVERIFY(ArticleStore(lib.db()).upsert(feed, {a, b}).ok());
        lib.indexPending();

        QCOMPARE(matching(lib.db(), QStringLiteral("\"transformers\"")), (QList<qint64>{1}));
        QCOMPARE(matching(lib.db(), QStringLiteral("\"checkpoint\"")), (QList<qint64>{2}));
        QCOMPARE(matching(lib.db(), QStringLiteral("\"位置编码\"")), (QList<qint64>{1}));
        QCOMPARE(matching(lib.db(), QStringLiteral("\"编码\"")), (QList<qint64>{1})); // not "编，码"
        QCOMPARE(matching(lib.db(), QStringLiteral("\"熵\"")), QList<qint64>()); // no token: it ends the run 交叉熵
        QCOMPARE(matching(lib.db(), QStringLiteral("\"码\"*")), (QList<qint64>{1, 2}));  // starting a bigram or alone
        QCOMPARE(characters(lib.db(), QStringLiteral("\"码\"")), (QList<qint64>{1, 2})); // anywhere
        QCOMPARE(characters(lib.db(), QStringLiteral("\"熵\"")), (QList<qint64>{1}));
        QCOMPARE(characters(lib.db(), QStringLiteral("\"顺\" AND \"序\"")), (QList<qint64>{1}));
        QCOMPARE(matching(lib.db(), QStringLiteral("\"bert\"")), (QList<qint64>{2}));
        QCOMPARE(matching(lib.db(), QStringLiteral("\"alpha\"")), (QList<qint64>{2}));
    }

    void plainTextDropsMarkupKeepsMath()
    {
        const QString text = plainText(QStringLiteral("# 标题\n\n**粗体**和[链接](http://x.org/y) `code`，"
                                                      "公式 $\\alpha_t$。\n\n![图](a.png)\n\n中文\n换行\n\n"
                                                      "<div>html <b>text</b></div>\n\n```\nfn main()\n```\n"),
                                       ContentFormat::Markdown);
        QVERIFY2(text.contains(QStringLiteral("粗体和链接 code，公式 \\alpha_t。")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("中文换行")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("html text")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("fn main()")));
        QVERIFY(!text.contains(QStringLiteral("http")));
        QVERIFY(!text.contains(QStringLiteral("图")));
        QVERIFY(!text.contains(QLatin1Char('*')));

        const QString html = plainText(QStringLiteral("<p>A <em>b</em>\x02</p><script>evil()</script><p>\\(x^2\\)</p>"),
                                       ContentFormat::Html);
        QVERIFY2(html.contains(QStringLiteral("A b")), qPrintable(html));
        QVERIFY(!html.contains(QStringLiteral("evil")));
        QVERIFY(!html.contains(QChar(2)));
        QVERIFY(html.contains(QStringLiteral("\\(x^2\\)")));
    }
};

QTEST_GUILESS_MAIN(TestSearchTokenizer)
#include "tst_search_tokenizer.moc"
