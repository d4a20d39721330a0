// Search end to end on real library files: recall against a substring oracle, hostile queries, index consistency
// after updates and deletes, filters, paging and CJK-correct highlighting.
#include "storage/articlestore.h"
#include "storage/searchquery.h"
#include "storage/searchrank.h"
#include "storage/searchstore.h"
#include "storage/sql.h"
#include "support/testlibrary.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace folio;

namespace {

// A tiny deterministic PRNG (splitmix64), so the corpus is the same on every run.
class Random {
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    {
    }
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return int(next() % quint64(n)); }
    QString pick(const QStringList& items) { return items.at(below(int(items.size()))); }

private:
    quint64 m_state;
};

const QStringList& cjkWords()
{
    static const QStringList words =
        QString::fromUtf8("位置编码 旋转位置编码 梯度检查点 自注意力 混合精度训练 层归一化 交叉熵损失 "
                          "知识蒸馏 显存 模型 量化 微调 编码器 解码 注意力机制 核函数 矩阵的秩 词表 "
                          "预训练 采样 推理 长度外推 残差 前馈网络 学习率 优化器")
            .split(QLatin1Char(' '));
    return words;
}

const QStringList& latinWords()
{
    static const QStringList words =
        QStringLiteral("transformer transformers transformed embedding embeddings checkpoint checkpointing "
                       "checkpoints decoding decoder decodes RoPE BERT LoRA GPT MoE softmax layer attention "
                       "gradient warmup")
            .split(QLatin1Char(' '));
    return words;
}

const QStringList& glue()
{
    static const QStringList pieces =
        QString::fromUtf8("的 是 和 在 ， 。 ： 、 与 用 把 （ ） ; . , - / 的方法 里").split(QLatin1Char(' '));
    return pieces;
}

QString fullWidth(const QString& ascii)
{
    QString out;
    for (const QChar c : ascii)
        out += c.unicode() > 0x20 && c.unicode() < 0x7F ? QChar(char16_t(c.unicode() + 0xFEE0)) : c;
    return out;
}

// Text mixing the words above with CJK and ASCII glue, sometimes touching, sometimes spaced, sometimes
// upper-cased or full-width, and with false friends split by punctuation ("编，码").
QString text(Random& r, int pieces)
{
    QString out;
    for (int i = 0; i < pieces; ++i) {
        const int kind = r.below(10);
        if (kind < 4) {
            QString w = r.pick(cjkWords());
            if (r.below(12) == 0 && w.size() >= 2)
                w.insert(1, QString::fromUtf8("，"));
            out += w;
        } else if (kind < 7) {
            QString w = r.pick(latinWords());
            if (r.below(6) == 0)
                w = w.toUpper();
            if (r.below(15) == 0)
                w = fullWidth(w);
            out += r.below(2) ? w : QLatin1Char(' ') + w + QLatin1Char(' ');
        } else {
            out += r.pick(glue());
        }
    }
    return out;
}

// The oracle's folding: NFKC (full-width to ASCII) and case folding, independent of the tokenizer's.
QString folded(const QString& s)
{
    return s.normalized(QString::NormalizationForm_KC).toCaseFolded();
}

struct Doc {
    ArticleId id;
    QString text; // title, tags and body as indexed, folded
};

QList<Doc> indexedDocs(Database& db)
{
    auto q = query(db.connection(), QStringLiteral("SELECT article_id, title, tags, body FROM search_text"));
    QList<Doc> docs;
    while (q.ok() && q->next())
        docs.append(
            {q->value(0).toLongLong(), folded(q->value(1).toString() + QLatin1Char('\n') + q->value(2).toString() +
                                              QLatin1Char('\n') + q->value(3).toString())});
    return docs;
}

// One condition of the oracle: a CJK substring, or one of some Latin words as a whole word.
using Condition = std::function<bool(const QString&)>;

Condition substring(const QString& s)
{
    const QString needle = folded(s);
    return [needle](const QString& text) { return text.contains(needle); };
}

Condition anyWord(const QStringList& forms)
{
    QStringList escaped;
    for (const QString& f : forms)
        escaped << QRegularExpression::escape(folded(f));
    const QRegularExpression re(QStringLiteral("(?<![a-z0-9])(") + escaped.join(QLatin1Char('|')) +
                                QStringLiteral(")(?![a-z0-9])"));
    return [re](const QString& text) { return re.match(text).hasMatch(); };
}

QSet<ArticleId> allHits(Database& db, const QString& query, qint64* total = nullptr)
{
    SearchStore store(db);
    QSet<ArticleId> ids;
    for (int page = 1;; ++page) {
        auto found = store.search(query, SearchSort::Newest, page, 1000);
        if (!found) {
            qWarning("%s: %s", qPrintable(query), qPrintable(found.error()));
            return {};
        }
        if (total)
            *total = found->total;
        for (const SearchHit& h : found->results)
            ids.insert(h.id);
        if (page >= found->pageCount)
            return ids;
    }
}

bool integrityOk(Database& db)
{
    return query(db.connection(), QStringLiteral("INSERT INTO search_index (search_index, rank) "
                                                 "VALUES ('integrity-check', 1)"))
        .ok();
}

Article post(const QString& guid, const QString& title, const QString& content, QStringList tags = {})
{
    Article a = test::article(guid, 1700000000000, std::move(tags));
    a.title = title;
    a.content = content;
    return a;
}

} // namespace

class TestSearch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // 2,400 articles of mixed Chinese and English, stored as the importer stores them.
        m_lib = std::make_unique<test::TestLibrary>();
        const FeedId feed = m_lib->feed();
        Random r(2026);
        QList<Article> batch;
        for (int i = 0; i < 2400; ++i) {
            Article a = test::article(QStringLiteral("p%1").arg(i), 1700000000000 + qint64(i) * 60000);
            a.title = text(r, 4);
            a.content = text(r, 40) + QStringLiteral("\n\n") + text(r, 40);
            a.tags = {r.pick(cjkWords()), r.pick(latinWords())};
            batch.append(a);
            if (batch.size() == 256 || i == 2399) {
                QVERIFY(ArticleStore(m_lib->db()).upsert(feed, batch).ok());
                batch.clear();
            }
        }
        m_lib->indexPending();
        m_docs = indexedDocs(m_lib->db());
        QCOMPARE(m_docs.size(), 2400);
    }

    void recallEqualsSubstringOracle()
    {
        struct Case {
            QString query;
            QList<Condition> conditions;
        };
        QList<Case> cases;
        const auto cjk = [&](const char* q) {
            cases.append({QString::fromUtf8(q), {substring(QString::fromUtf8(q))}});
        };
        // 2-character CJK, 3–6 characters, single characters.
        for (const char* q : {"编码", "显存", "梯度", "模型", "注意", "量化", "的秩"})
            cjk(q);
        for (const char* q : {"位置编码", "梯度检查点", "旋转位置编码", "自注意力", "混合精度训练", "层归一化",
                              "交叉熵损失", "知识蒸馏"})
            cjk(q);
        for (const char* q : {"码", "熵", "秩", "核", "的", "型", "点"})
            cjk(q);
        // English words and their inflections: a query finds every form with its stem.
        const QStringList transform{QStringLiteral("transformer"), QStringLiteral("transformers"),
                                    QStringLiteral("transformed")};
        const QStringList embed{QStringLiteral("embedding"), QStringLiteral("embeddings")};
        const QStringList checkpoint{QStringLiteral("checkpoint"), QStringLiteral("checkpointing"),
                                     QStringLiteral("checkpoints")};
        const QStringList decode{QStringLiteral("decoding"), QStringLiteral("decoder"), QStringLiteral("decodes")};
        cases.append({QStringLiteral("transformer"), QList<Condition>{anyWord(transform)}});
        cases.append({QStringLiteral("transformers"), QList<Condition>{anyWord(transform)}});
        cases.append({QStringLiteral("embeddings"), QList<Condition>{anyWord(embed)}});
        cases.append({QStringLiteral("checkpointing"), QList<Condition>{anyWord(checkpoint)}});
        cases.append({QStringLiteral("decoded"), QList<Condition>{anyWord(decode)}});
        cases.append({QStringLiteral("Softmax"), QList<Condition>{anyWord({QStringLiteral("softmax")})}});
        // Acronyms, any case.
        for (const char* q : {"RoPE", "bert", "LoRA", "GPT", "moe"})
            cases.append({QString::fromUtf8(q), QList<Condition>{anyWord({QString::fromUtf8(q)})}});
        // Mixed Chinese and English: every term must occur.
        cases.append({QStringLiteral("RoPE 位置编码"),
                      QList<Condition>{anyWord({QStringLiteral("rope")}), substring(QStringLiteral("位置编码"))}});
        cases.append({QStringLiteral("BERT 模型"),
                      QList<Condition>{anyWord({QStringLiteral("bert")}), substring(QStringLiteral("模型"))}});
        cases.append({QStringLiteral("显存 LoRA 码"),
                      QList<Condition>{substring(QStringLiteral("显存")), anyWord({QStringLiteral("lora")}),
                                       substring(QStringLiteral("码"))}});
        cases.append({QStringLiteral("码 -RoPE"),
                      QList<Condition>{substring(QStringLiteral("码")),
                                       [](const QString& t) { return !anyWord({QStringLiteral("rope")})(t); }}});
        cases.append({QStringLiteral("RoPE -码"),
                      QList<Condition>{anyWord({QStringLiteral("rope")}),
                                       [](const QString& t) { return !t.contains(QStringLiteral("码")); }}});
        cases.append({QStringLiteral("显存 -\"码 transformer\""),
                      QList<Condition>{substring(QStringLiteral("显存")), [](const QString& t) {
                                           static const QRegularExpression re(
                                               QStringLiteral("码[^\\p{L}\\p{N}]*(transformer|transformers|"
                                                              "transformed)(?![a-z0-9])"));
                                           return !re.match(t).hasMatch();
                                       }}});
        cases.append({QStringLiteral("梯度 -BERT"),
                      QList<Condition>{substring(QStringLiteral("梯度")),
                                       [](const QString& t) { return !anyWord({QStringLiteral("bert")})(t); }}});
        // A lone CJK character before more text: the character may end a longer run ("编码transformer").
        const auto follows = [&](const char* q, const char* pattern) {
            const QRegularExpression re(QString::fromUtf8(pattern));
            cases.append({QString::fromUtf8(q), {[re](const QString& t) { return re.match(t).hasMatch(); }}});
        };
        follows("码transformers", "码[^\\p{L}\\p{N}]*(transformer|transformers|transformed)(?![a-z0-9])");
        follows("\"码 的\"", "码[^\\p{L}\\p{N}]+的");
        follows("\"秩 RoPE\"", "秩[^\\p{L}\\p{N}]*rope(?![a-z0-9])");
        // Full-width forms are their ASCII letters.
        for (const char* q : {"ＢＥＲＴ", "ＲｏＰＥ", "ＬｏＲＡ"})
            cases.append({QString::fromUtf8(q), QList<Condition>{anyWord({folded(QString::fromUtf8(q))})}});
        QVERIFY(cases.size() >= 40);

        for (const Case& c : cases) {
            QSet<ArticleId> expected;
            for (const Doc& d : m_docs) {
                if (std::all_of(c.conditions.begin(), c.conditions.end(),
                                [&](const Condition& condition) { return condition(d.text); }))
                    expected.insert(d.id);
            }
            qint64 total = -1;
            const QSet<ArticleId> got = allHits(m_lib->db(), c.query, &total);
            const QSet<ArticleId> missed = expected - got, extra = got - expected;
            const auto why = [&](const char* what, const QSet<ArticleId>& ids) {
                return QStringLiteral("%1: %2 %3, e.g. article %4")
                    .arg(c.query)
                    .arg(ids.size())
                    .arg(QLatin1String(what))
                    .arg(ids.isEmpty() ? 0 : *ids.begin());
            };
            QVERIFY2(!expected.isEmpty(), qPrintable(c.query + QStringLiteral(": not in the corpus")));
            QVERIFY2(missed.isEmpty(), qPrintable(why("missed", missed)));
            QVERIFY2(extra.isEmpty(), qPrintable(why("wrongly found", extra)));
            QCOMPARE(total, qint64(expected.size()));
        }
    }

    void rankedPagesCoverEveryHitOnce()
    {
        // A query matching more articles than are ranked at once: pages still hold every hit exactly once, the
        // ranked ones first, best first.
        SearchStore store(m_lib->db());
        QList<ArticleId> seen;
        qint64 total = 0;
        for (int page = 1;; ++page) {
            auto found = store.search(QStringLiteral("的"), SearchSort::Rank, page, 300);
            QVERIFY(found.ok());
            total = found->total;
            for (const SearchHit& h : found->results)
                seen << h.id;
            if (page >= found->pageCount)
                break;
        }
        QVERIFY2(total > 2000, "the query should be broad");
        QCOMPARE(qint64(seen.size()), total);
        QCOMPARE(qint64(QSet<ArticleId>(seen.begin(), seen.end()).size()), total);
        QCOMPARE(QSet<ArticleId>(seen.begin(), seen.end()), allHits(m_lib->db(), QStringLiteral("的")));
        auto first = store.search(QStringLiteral("的"), SearchSort::Rank, 1, 20);
        QVERIFY(first.ok());
        for (qsizetype i = 1; i < first->results.size(); ++i)
            QVERIFY(first->results.at(i - 1).score >= first->results.at(i).score);
    }

    void hostileInputsNeverFail()
    {
        const QStringList hostile = {
            QStringLiteral("c++"),
            QStringLiteral("node.js"),
            QStringLiteral("a:b"),
            QStringLiteral("\"abc"),
            QStringLiteral("a\"b"),
            QStringLiteral("\""),
            QStringLiteral("\"\""),
            QStringLiteral("\" \""),
            QStringLiteral("NOT"),
            QStringLiteral("NOT rope"),
            QStringLiteral("rope NOT"),
            QStringLiteral("AND"),
            QStringLiteral("OR b"),
            QStringLiteral("a OR"),
            QStringLiteral("-"),
            QStringLiteral("- -"),
            QStringLiteral("--"),
            QStringLiteral("-x"),
            QStringLiteral("-only -negatives"),
            QStringLiteral("foo-bar"),
            QStringLiteral("位置编码-RoPE"),
            QStringLiteral("(a"),
            QStringLiteral("a)"),
            QStringLiteral("NEAR(a b)"),
            QStringLiteral("*"),
            QStringLiteral("rope*"),
            QStringLiteral("^rope"),
            QStringLiteral("title:rope"),
            QStringLiteral("{title}: rope"),
            QStringLiteral("C#"),
            QStringLiteral("e=mc^2"),
            QStringLiteral("1.2"),
            QStringLiteral("what's"),
            QStringLiteral("100%"),
            QStringLiteral("$\\theta$"),
            QStringLiteral("rope,bar"),
            QStringLiteral("rope;bar"),
            QStringLiteral("'; DROP TABLE articles; --"),
            QStringLiteral("tag:"),
            QStringLiteral("tag:\""),
            QStringLiteral("is:"),
            QStringLiteral("is:nothing"),
            QStringLiteral("feed:"),
            QStringLiteral("feed:\"no such feed\" rope"),
            QStringLiteral("🚀🤖"),
            QStringLiteral("　"),
            QStringLiteral("“位置编码”"),
            QString(QChar(0xD800)),
            QStringLiteral("\x01\x02\x03"),
            QString(10000, QLatin1Char('a')),
            QStringLiteral("位置 ").repeated(3000),
            QStringLiteral("\"rope ").repeated(500),
            QStringLiteral("-").repeated(10000),
        };
        QVERIFY(hostile.size() >= 40);
        SearchStore store(m_lib->db());
        for (const QString& q : hostile) {
            for (const SearchSort sort : {SearchSort::Rank, SearchSort::Newest}) {
                auto found = store.search(q, sort, 1, 20);
                QVERIFY2(found.ok(),
                         qPrintable(q.left(40) + QStringLiteral(": ") + (found.ok() ? QString() : found.error())));
                QVERIFY(found->results.size() <= 20);
            }
        }
        const auto count = [&](const QString& q) {
            auto found = store.search(q, SearchSort::Rank, 1, 1);
            return found.ok() ? found->total : qint64(-1);
        };
        // Odd input degrades to the search it resembles.
        QCOMPARE(count(QStringLiteral("\"rope")), count(QStringLiteral("rope")));
        QCOMPARE(count(QStringLiteral("NOT")), 0);
        QCOMPARE(count(QStringLiteral("-")), 0);
        QCOMPARE(count(QStringLiteral("rope AND bert")), count(QStringLiteral("rope bert")));
        QCOMPARE(count(QStringLiteral("“位置编码”")), count(QStringLiteral("\"位置编码\"")));
        QCOMPARE(count(QStringLiteral("-bert")), 2400 - count(QStringLiteral("bert")));
        QCOMPARE(count(QStringLiteral("NOT bert")), count(QStringLiteral("-bert")));
        QCOMPARE(count(QStringLiteral("feed:\"no such feed\" rope")), 0);
        QVERIFY(count(QStringLiteral("rope")) > 0);
    }

    void queriesBecomeQuotedPhrases()
    {
        const auto fts = [](const QString& text) { return searchquery::ftsQuery(searchquery::parse(text)); };
        QCOMPARE(fts(QStringLiteral("RoPE 位置编码")).match, QStringLiteral("\"RoPE\" AND \"位置编码\""));
        // A lone CJK character goes to the character index; with more in the term, a prefix token ends it.
        QCOMPARE(fts(QStringLiteral("码")).match, QString());
        QCOMPARE(fts(QStringLiteral("码")).characters, QStringLiteral("\"码\""));
        QCOMPARE(fts(QStringLiteral("显存 码 熵")).match, QStringLiteral("\"显存\""));
        QCOMPARE(fts(QStringLiteral("显存 码 熵")).characters, QStringLiteral("\"码\" AND \"熵\""));
        QCOMPARE(fts(QStringLiteral("显存 -码")).excludedCharacters, QStringLiteral("\"码\""));
        QCOMPARE(fts(QStringLiteral("softmax码")).match, QStringLiteral("\"softmax码\"*"));
        QCOMPARE(fts(QStringLiteral("softmax码")).characters, QString());
        QCOMPARE(fts(QStringLiteral("RoPE \"码 softmax\"")).match, QStringLiteral("\"RoPE\" AND \" softmax\""));
        QCOMPARE(fts(QStringLiteral("RoPE \"码 softmax\"")).follows.value(0).index, 1);
        QCOMPARE(fts(QStringLiteral("RoPE -码softmax")).excludedFollows.value(0).phrase, QStringLiteral("\"softmax\""));
        QCOMPARE(fts(QStringLiteral("a\"b")).match, QStringLiteral("\"a\"\"b\""));
        QCOMPARE(fts(QStringLiteral("x -y")).match, QStringLiteral("(\"x\") NOT (\"y\")"));
        QCOMPARE(fts(QStringLiteral("-y")).match, QString());
        QCOMPARE(fts(QStringLiteral("-y")).exclude, QStringLiteral("\"y\""));
        QCOMPARE(fts(QStringLiteral("— ++ 🚀")).match, QString());
        const SearchQuery q = searchquery::parse(QStringLiteral("tag:\"KV Cache\" -tag:x feed:Blog is:unread "
                                                                "IS:STARRED rope"));
        QCOMPARE(q.tags, QStringList{QStringLiteral("KV Cache")});
        QCOMPARE(q.excludedTags, QStringList{QStringLiteral("x")});
        QCOMPARE(q.feeds, QStringList{QStringLiteral("Blog")});
        QVERIFY(q.unreadOnly && q.starredOnly);
        QCOMPARE(q.terms.size(), 1);
    }

    void indexFollowsUpdatesAndDeletes()
    {
        test::TestLibrary lib;
        const FeedId feed = lib.feed();
        ArticleStore store(lib.db());
        QVERIFY(store.upsert(feed, {post(QStringLiteral("a"), QStringLiteral("旧标题"), QStringLiteral("梯度检查点"))})
                    .ok());
        lib.indexPending();
        QCOMPARE(allHits(lib.db(), QStringLiteral("梯度检查点")).size(), 1);

        // Changed content: the old text's tokens are gone, the new ones found.
        QVERIFY(store
                    .upsert(feed, {post(QStringLiteral("a"), QStringLiteral("新标题"), QStringLiteral("混合精度"),
                                        {QStringLiteral("量化")})})
                    .ok());
        lib.indexPending();
        QVERIFY(allHits(lib.db(), QStringLiteral("梯度检查点")).isEmpty());
        QVERIFY(allHits(lib.db(), QStringLiteral("旧标题")).isEmpty());
        QCOMPARE(allHits(lib.db(), QStringLiteral("混合精度")).size(), 1);
        QCOMPARE(allHits(lib.db(), QStringLiteral("新标题")).size(), 1);
        QCOMPARE(allHits(lib.db(), QStringLiteral("量化")).size(), 1); // tags are indexed
        QVERIFY(integrityOk(lib.db()));

        // An unchanged re-import writes nothing, the index stays as it is.
        QVERIFY(store
                    .upsert(feed, {post(QStringLiteral("a"), QStringLiteral("新标题"), QStringLiteral("混合精度"),
                                        {QStringLiteral("量化")})})
                    .ok());
        QCOMPARE(allHits(lib.db(), QStringLiteral("混合精度")).size(), 1);

        // Deleting the article, or its feed, unindexes it.
        QVERIFY(store.upsert(feed, {post(QStringLiteral("b"), QStringLiteral("B"), QStringLiteral("混合精度"))}).ok());
        lib.indexPending();
        QCOMPARE(allHits(lib.db(), QStringLiteral("混合精度")).size(), 2);
        QVERIFY(query(lib.db().connection(), QStringLiteral("DELETE FROM articles WHERE guid = 'a'")).ok());
        QCOMPARE(allHits(lib.db(), QStringLiteral("混合精度")).size(), 1);
        QVERIFY(query(lib.db().connection(), QStringLiteral("DELETE FROM feeds")).ok());
        QVERIFY(allHits(lib.db(), QStringLiteral("混合精度")).isEmpty());
        QVERIFY(integrityOk(lib.db()));
        auto left = query(lib.db().connection(), QStringLiteral("SELECT count(*) FROM search_text"));
        QVERIFY(left.ok() && left->next());
        QCOMPARE(left->value(0).toInt(), 0);
    }

    void rankIsBm25WhileFrequenciesAreCounted()
    {
        // folio_rank is bm25(10, 5, 1) as long as it counts each phrase's articles in full (fewer than
        // kRankDfSample); past that it estimates, and still ranks title hits far above body hits.
        test::TestLibrary lib;
        const FeedId feed = lib.feed();
        QList<Article> posts;
        Random r(7);
        for (int i = 0; i < 60; ++i)
            posts.append(post(QStringLiteral("p%1").arg(i), text(r, 3), text(r, 30), {r.pick(cjkWords())}));
        QVERIFY(ArticleStore(lib.db()).upsert(feed, posts).ok());
        lib.indexPending();
        for (const char* q : {"\"位置编码\"", "\"rope\" AND \"显存\"", "\"transformer\" OR \"编码\"", "\"的\"*"}) {
            auto rows = query(lib.db().connection(),
                              QStringLiteral("SELECT folio_rank(search_index), bm25(search_index, 10.0, 5.0, 1.0) "
                                             "FROM search_index WHERE search_index MATCH ?"),
                              {QString::fromUtf8(q)});
            QVERIFY(rows.ok());
            int n = 0;
            while (rows->next()) {
                ++n;
                QVERIFY2(qAbs(rows->value(0).toDouble() - rows->value(1).toDouble()) < 1e-9, q);
            }
            QVERIFY2(n > 0, q);
        }

        // A phrase in more articles than are counted: the estimate keeps a title hit first.
        test::TestLibrary big;
        QList<Article> many;
        for (int i = 0; i < search::kRankDfSample * 2; ++i)
            many.append(post(QStringLiteral("m%1").arg(i), QStringLiteral("其他"), QStringLiteral("显存与模型")));
        many[700].title = QStringLiteral("显存");
        QVERIFY(ArticleStore(big.db()).upsert(big.feed(), many).ok());
        big.indexPending();
        auto found = SearchStore(big.db()).search(QStringLiteral("显存"), SearchSort::Rank, 1, 5);
        QVERIFY(found.ok());
        QCOMPARE(found->total, search::kRankDfSample * 2);
        QCOMPARE(found->results.front().title, QStringLiteral("显存"));
        QVERIFY(found->results.front().score > found->results.at(1).score);
    }

    void singleCharactersRankTitleHitsFirst()
    {
        test::TestLibrary lib;
        QList<Article> posts;
        for (int i = 0; i < 30; ++i)
            posts.append(post(QStringLiteral("p%1").arg(i), QStringLiteral("其他"), QStringLiteral("交叉熵损失")));
        posts[3].title = QStringLiteral("熵");
        posts[5].tags = {QStringLiteral("熵与信息")};
        QVERIFY(ArticleStore(lib.db()).upsert(lib.feed(), posts).ok());
        lib.indexPending();
        auto found = SearchStore(lib.db()).search(QStringLiteral("熵"), SearchSort::Rank, 1, 3);
        QVERIFY(found.ok());
        QCOMPARE(found->total, 30);
        QCOMPARE(found->results.at(0).title, QStringLiteral("熵"));
        QCOMPARE(found->results.at(1).tags, QStringList{QStringLiteral("熵与信息")});
        QVERIFY(found->results.at(0).score > found->results.at(1).score);
        QVERIFY(found->results.at(1).score > found->results.at(2).score);
        QVERIFY2(found->results.at(2).snippet.contains(QString(kHighlightStart) + QStringLiteral("熵")),
                 qPrintable(found->results.at(2).snippet));
    }

    void snippetsMarkWhatMatched()
    {
        test::TestLibrary lib;
        const FeedId feed = lib.feed();
        QVERIFY(ArticleStore(lib.db())
                    .upsert(feed, {post(QStringLiteral("a"), QStringLiteral("Transformer 的编码器"),
                                        QStringLiteral("旋转位置编码是相对位置编码。Transformers use **RoPE**, "
                                                       "a rotary encoding.\n\n") +
                                            QStringLiteral("填充文字。").repeated(80) + QStringLiteral("末尾的码"))})
                    .ok());
        lib.indexPending();
        SearchStore store(lib.db());
        const auto first = [&](const QString& q) {
            auto found = store.search(q, SearchSort::Rank, 1, 20);
            return found.ok() && !found->results.isEmpty() ? found->results.front() : SearchHit{};
        };
        const QString s = QString(kHighlightStart), e = QString(kHighlightEnd);

        // A single character is marked as itself, not as the bigram FTS5 matched.
        const SearchHit one = first(QStringLiteral("码"));
        QVERIFY2(one.snippet.contains(s + QStringLiteral("码") + e), qPrintable(one.snippet));
        QVERIFY(!one.snippet.contains(s + QStringLiteral("编码")));
        QVERIFY2(one.highlightedTitle.contains(QStringLiteral("编") + s + QStringLiteral("码") + e),
                 qPrintable(one.highlightedTitle));

        // CJK substrings inside longer runs; Latin words by stem.
        const SearchHit mixed = first(QStringLiteral("位置编码 transformer"));
        QVERIFY2(mixed.snippet.contains(QStringLiteral("旋转") + s + QStringLiteral("位置编码") + e),
                 qPrintable(mixed.snippet));
        QVERIFY2(mixed.snippet.contains(s + QStringLiteral("Transformers") + e), qPrintable(mixed.snippet));
        QCOMPARE(mixed.highlightedTitle, s + QStringLiteral("Transformer") + e + QStringLiteral(" 的编码器"));
        QVERIFY(!mixed.snippet.contains(QLatin1Char('*'))); // plain text, not Markdown
        QVERIFY(mixed.score > 0);

        // The snippet is cut around the matches.
        const SearchHit far = first(QStringLiteral("末尾"));
        QVERIFY2(far.snippet.startsWith(QChar(0x2026)), qPrintable(far.snippet));
        QVERIFY(far.snippet.size() <= 160);
        QVERIFY(far.snippet.contains(s + QStringLiteral("末尾") + e));
    }

    void filtersSortAndPages()
    {
        test::TestLibrary lib;
        const FeedId blog = lib.feed(QStringLiteral("https://a.org/feed"), QStringLiteral("NLP 博客"));
        const FeedId other = lib.feed(QStringLiteral("https://b.org/feed"), QStringLiteral("Other"));
        ArticleStore store(lib.db());
        QList<Article> posts;
        for (int i = 0; i < 25; ++i) {
            Article a = post(QStringLiteral("p%1").arg(i), QStringLiteral("第%1篇").arg(i),
                             i % 5 == 0 ? QStringLiteral("显存 显存 显存 显存") : QStringLiteral("显存与别的"),
                             {i % 2 ? QStringLiteral("LoRA") : QStringLiteral("NLP")});
            a.published = test::at(1700000000000 + qint64(i) * 1000);
            posts.append(a);
        }
        QVERIFY(store.upsert(blog, posts.mid(0, 20)).ok());
        QVERIFY(store.upsert(other, posts.mid(20)).ok());
        lib.indexPending();
        QVERIFY(store.setRead(1, true).ok());
        QVERIFY(store.setStarred(2, true).ok());

        SearchStore search(lib.db());
        auto page = search.search(QStringLiteral("显存"), SearchSort::Newest, 2, 10);
        QVERIFY(page.ok());
        QCOMPARE(page->total, 25);
        QCOMPARE(page->pageCount, 3);
        QCOMPARE(page->results.size(), 10);
        QCOMPARE(page->results.front().title, QStringLiteral("第14篇")); // newest first: 24…15 on page 1
        QCOMPARE(page->results.front().feedTitle, QStringLiteral("NLP 博客"));
        QCOMPARE(page->results.front().tags, QStringList{QStringLiteral("NLP")});
        QVERIFY(!search.search(QStringLiteral("显存"), SearchSort::Newest, 4, 10).ok());
        QVERIFY(search.search(QStringLiteral("没有的词"), SearchSort::Rank, 1, 10).ok());

        auto ranked = search.search(QStringLiteral("显存"), SearchSort::Rank, 1, 5);
        QVERIFY(ranked.ok());
        for (const SearchHit& h : ranked->results) // the articles that say it four times
            QVERIFY2(h.title.endsWith(QStringLiteral("0篇")) || h.title.endsWith(QStringLiteral("5篇")),
                     qPrintable(h.title));

        const auto total = [&](const QString& q) {
            auto found = search.search(q, SearchSort::Rank, 1, 50);
            return found.ok() ? found->total : qint64(-1);
        };
        QCOMPARE(total(QStringLiteral("显存 tag:lora")), 12);
        QCOMPARE(total(QStringLiteral("显存 -tag:LoRA")), 13);
        QCOMPARE(total(QStringLiteral("tag:NLP")), 13); // filters alone list articles
        QCOMPARE(total(QStringLiteral("显存 feed:博客")), 20);
        QCOMPARE(total(QStringLiteral("显存 feed:https://b.org/feed")), 5);
        QCOMPARE(total(QStringLiteral("显存 is:unread")), 24);
        QCOMPARE(total(QStringLiteral("is:starred")), 1);
        QCOMPARE(total(QString()), 0);
        QCOMPARE(SearchStore::highlightTerms(QStringLiteral("RoPE \"位置 编码\" -bert tag:x")),
                 (QStringList{QStringLiteral("RoPE"), QStringLiteral("位置 编码")}));
    }

private:
    std::unique_ptr<test::TestLibrary> m_lib;
    QList<Doc> m_docs;
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
