// folio-bench-search --db PATH [--sizes 1000,10000,100000] [--seed S] [--adds N] [--reuse yes]
//
// Builds a search index through ArticleStore::upsert (batches of 256, as the importer stores) from synthetic
// ~3.5 KB Markdown posts (the vocabulary of folio-bench-generate plus a long Zipf tail of rarer CJK and Latin
// words, so that queries range from rare to very common), and at each size reports:
//   - build time for the articles added since the previous size (wall and CPU), and plainText()'s share;
//   - index size (dbstat: the FTS5 shadow tables) against the UTF-8 size of the indexed text;
//   - latency of 40 queries in strata, top 20 with snippets through SearchStore::search, ranked and newest
//     first: median and p95 over the queries of each query's median of 3 runs (after a warm-up run);
//   - adding one article to the index (one upsert and one indexPending, a transaction each): median, p95, max over
//   --adds.
#include "benchcommon.h"
#include "render/plaintext.h"
#include "storage/articlestore.h"
#include "storage/database.h"
#include "storage/feedstore.h"
#include "storage/searchindex.h"
#include "storage/searchstore.h"
#include "storage/sql.h"
#include "vocabulary.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimeZone>
#include <cstdio>
#include <ctime>

using namespace folio;
using namespace folio::bench;

namespace {

constexpr int kBatch = 256;

// A long tail of words that real posts have and the shared vocabulary lacks: 4,000 CJK words of 2–4 characters
// and 3,000 Latin pseudo-words, drawn with a Zipf skew (a few common, most rare).
const std::vector<std::string>& tailWords()
{
    static const std::vector<std::string> words = [] {
        static const char* const hanzi[] = {
            "模", "型", "训", "练", "数", "据", "参", "数", "层", "网", "络", "向", "量", "矩", "阵", "梯", "度",
            "损", "失", "函", "激", "活", "卷", "积", "池", "化", "序", "列", "长", "短", "记", "忆", "门", "控",
            "循", "环", "图", "像", "语", "音", "文", "本", "生", "成", "判", "别", "对", "抗", "稀", "疏", "稠",
            "密", "检", "索", "排", "名", "召", "回", "精", "确", "率", "熵", "秩", "核", "谱", "范", "式", "解",
            "码", "编", "器", "头", "尾", "块", "缓", "存", "并", "行", "串", "通", "信", "压", "缩", "剪", "枝",
        };
        SplitMix64 rng(99);
        std::vector<std::string> out;
        for (int i = 0; i < 4000; ++i) {
            std::string w;
            const int n = 2 + int(rng.below(3));
            for (int k = 0; k < n; ++k)
                w += hanzi[rng.below(sizeof hanzi / sizeof *hanzi)];
            out.push_back(w);
        }
        static const char* const syllables[] = {"ka",  "lo",  "mi",  "ne",  "su",  "ra",  "ti",  "ver", "tron",
                                                "gen", "pex", "dal", "zor", "fin", "qua", "bel", "mun", "sol"};
        for (int i = 0; i < 3000; ++i) {
            std::string w;
            const int n = 2 + int(rng.below(3));
            for (int k = 0; k < n; ++k)
                w += syllables[rng.below(sizeof syllables / sizeof *syllables)];
            out.push_back(w);
        }
        return out;
    }();
    return words;
}

std::string tailWord(SplitMix64& rng)
{
    static const Zipf ranks(int(tailWords().size()), 1.0);
    return tailWords()[std::size_t(ranks.draw(rng))];
}

Article makeArticle(std::uint64_t seed, long index)
{
    SplitMix64 rng(seed * 0x100000001B3ull + std::uint64_t(index));
    static const Zipf tagRanks(int(tagVocabulary().size()), 1.1);
    Article a;
    a.guid = QStringLiteral("post-%1").arg(index);
    a.title = QString::fromStdString(rng.pick(chineseTerms()) + "与 " + rng.pick(englishTerms()) + "：" +
                                     rng.pick(titleSuffixes()) + "（" + std::to_string(index + 1) + "）");
    a.published =
        QDateTime::fromMSecsSinceEpoch(1767225600000LL + qint64(rng.below(365ull * 86400)) * 1000, QTimeZone::utc());
    for (int rank : tagRanks.drawDistinct(rng, rng.between(2, 4)))
        a.tags << QString::fromStdString(tagVocabulary()[std::size_t(rank)]);
    const std::size_t target = std::size_t(rng.between(3200, 3900));
    std::string body =
        sentence(rng) + sentence(rng) + "\n\n## " + rng.pick(headings()) + "\n\n" + rng.pick(displayMath()) + "\n";
    if (rng.chance(0.35))
        body += rng.pick(codeBlocks()) + "\n";
    while (body.size() < target) {
        if (rng.chance(0.3))
            body += "## " + rng.pick(headings()) + "\n\n";
        std::string para;
        while (para.size() < 600 && body.size() + para.size() < target) {
            para += sentence(rng);
            // Appended piece by piece: GCC 12 -O3 misreads `" " + word + " "` as an overlapping copy.
            if (rng.chance(0.5)) {
                para += tailWord(rng);
                para += "，";
                para += tailWord(rng);
                para += "。";
            } else {
                para += ' ';
                para += tailWord(rng);
                para += ' ';
            }
        }
        body += para + "\n\n";
    }
    a.content = QString::fromStdString(body);
    a.summary = a.title;
    return a;
}

// 40 queries in strata, from very common to rare, as a reader types them.
QStringList queries()
{
    QStringList q;
    const auto tail = [](int rank) { return QString::fromStdString(tailWords()[std::size_t(rank)]); };
    // 2-character CJK: common, middling, rare.
    q << QStringLiteral("显存") << QStringLiteral("梯度") << QStringLiteral("词表") << tail(3).left(2)
      << tail(150).left(2) << tail(900).left(2);
    // 3–6 character CJK.
    q << QStringLiteral("位置编码") << QStringLiteral("梯度检查点") << QStringLiteral("旋转位置编码")
      << QStringLiteral("多头注意力") << tail(40) << tail(400) << tail(2500);
    // Single CJK characters.
    q << QStringLiteral("熵") << QStringLiteral("秩") << QStringLiteral("码") << QStringLiteral("谱");
    // English words and inflections.
    q << QStringLiteral("tokenizer") << QStringLiteral("tokenizers") << QStringLiteral("embeddings")
      << QStringLiteral("decoding") << QStringLiteral("checkpointing") << tail(4100) << tail(6000);
    // Acronyms.
    q << QStringLiteral("RoPE") << QStringLiteral("LoRA") << QStringLiteral("BPE") << QStringLiteral("KV cache")
      << QStringLiteral("ALiBi");
    // Mixed.
    q << QStringLiteral("RoPE 位置编码") << QStringLiteral("LoRA 显存") << QStringLiteral("AdamW 学习率")
      << QStringLiteral("softmax ") + tail(60) << QStringLiteral("\"gradient checkpointing\" 显存");
    // Full-width, filters, exclusions.
    q << QStringLiteral("ＢＥＲＴ") << QStringLiteral("ＲｏＰＥ") << QStringLiteral("位置编码 -RoPE")
      << QStringLiteral("tag:LoRA 量化") << QStringLiteral("FlashAttention is:unread") << tail(20);
    return q;
}

struct Stats {
    double median = 0, p95 = 0, max = 0;
};
Stats stats(const std::vector<double>& ms)
{
    return {median(ms), percentile(ms, 95), ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end())};
}

qint64 scalar(Database& db, const QString& sql)
{
    auto q = query(db.connection(), sql);
    return q.ok() && q->next() ? q->value(0).toLongLong() : -1;
}

// CPU time of this thread, in ms: unlike wall time, not inflated when other jobs share the cores.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

bool runQueries(Database& db, SearchSort sort, const char* label)
{
    SearchStore store(db);
    std::vector<double> perQuery, perQueryCpu;
    double worst = 0;
    QString worstQuery;
    // FOLIO_BENCH_QUERIES=a,b: only these queries (for profiling one of them).
    const QStringList only = qEnvironmentVariable("FOLIO_BENCH_QUERIES").split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& text : queries()) {
        if (!only.isEmpty() && !only.contains(text))
            continue;
        std::vector<double> runs, cpuRuns;
        const int repeats = qEnvironmentVariableIntValue("FOLIO_BENCH_REPEATS") > 0
                                ? qEnvironmentVariableIntValue("FOLIO_BENCH_REPEATS")
                                : 4;
        for (int i = 0; i < repeats; ++i) {
            QElapsedTimer t;
            t.start();
            const double cpu = threadCpuMs();
            auto page = store.search(text, sort, 1, 20);
            const double ms = double(t.nsecsElapsed()) / 1e6;
            if (i > 0)
                cpuRuns.push_back(threadCpuMs() - cpu);
            if (!page) {
                std::fprintf(stderr, "folio-bench-search: %s: %s\n", qPrintable(text), qPrintable(page.error()));
                return false;
            }
            if (i > 0)
                runs.push_back(ms);
        }
        perQuery.push_back(median(runs));
        perQueryCpu.push_back(median(cpuRuns));
        if (qEnvironmentVariableIsSet("FOLIO_BENCH_VERBOSE"))
            std::printf("    %8.2f ms (CPU %8.2f ms)  %s\n", perQuery.back(), perQueryCpu.back(), qPrintable(text));
        if (perQuery.back() > worst) {
            worst = perQuery.back();
            worstQuery = text;
        }
    }
    const Stats s = stats(perQuery), c = stats(perQueryCpu);
    std::printf("  queries (%s, top 20 + snippets, %d queries): median %.2f ms, p95 %.2f ms, max %.2f ms (%s); "
                "CPU median %.2f ms, p95 %.2f ms\n",
                label, int(perQuery.size()), s.median, s.p95, s.max, qPrintable(worstQuery), c.median, c.p95);
    return true;
}

int usage()
{
    std::fprintf(
        stderr,
        "usage: folio-bench-search --db PATH [--sizes 1000,10000,100000] [--seed S] [--adds N] [--reuse yes]\n");
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    QString dbPath;
    QList<int> sizes{1000, 10000, 100000};
    std::uint64_t seed = 1;
    int adds = 100;
    bool reuse = false; // --reuse yes: keep the library at --db and add only what the sizes still lack
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args.at(i);
        if (i + 1 >= args.size())
            return usage();
        if (a == QLatin1String("--db")) {
            dbPath = args.at(++i);
        } else if (a == QLatin1String("--sizes")) {
            sizes.clear();
            for (const QString& s : args.at(++i).split(QLatin1Char(',')))
                sizes << s.toInt();
        } else if (a == QLatin1String("--seed")) {
            seed = args.at(++i).toULongLong();
        } else if (a == QLatin1String("--reuse")) {
            reuse = args.at(++i) == QLatin1String("yes");
        } else if (a == QLatin1String("--adds")) {
            adds = args.at(++i).toInt();
        } else {
            return usage();
        }
    }
    if (dbPath.isEmpty())
        return usage();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        if (!reuse)
            QFile::remove(dbPath + QLatin1String(suffix));
    }
    auto opened = Database::open(dbPath);
    if (!opened) {
        std::fprintf(stderr, "folio-bench-search: %s\n", qPrintable(opened.error()));
        return 1;
    }
    Database& db = *opened.value();
    ArticleStore store(db);
    auto feed = FeedStore(db).ensure(FeedKind::LocalFolder, QStringLiteral("file:///bench"), QStringLiteral("bench"));
    if (!feed)
        return 1;

    // plainText()'s share of indexing, measured apart on 2,000 posts.
    {
        const double cpu = cpuSeconds();
        qint64 chars = 0;
        for (long i = 0; i < 2000; ++i) {
            const Article a = makeArticle(seed + 1000, i);
            chars += plainText(a.content, a.contentFormat).size();
        }
        std::printf("plainText: %.1f µs/post (CPU, incl. generating the post)\n", (cpuSeconds() - cpu) * 1e6 / 2000);
        (void)chars;
    }

    long next = reuse ? long(store.count().value()) : 0;
    for (const int size : sizes) {
        const double cpu = cpuSeconds();
        QElapsedTimer wall;
        wall.start();
        const long from = next;
        while (next < size) {
            QList<Article> batch;
            for (int k = 0; k < kBatch && next < size; ++k)
                batch.append(makeArticle(seed, next++));
            if (auto stored = store.upsert(feed.value(), batch); !stored) {
                std::fprintf(stderr, "folio-bench-search: %s\n", qPrintable(stored.error()));
                return 1;
            }
        }
        // Upsert leaves the articles pending; the build time includes indexing them, as an import does.
        if (auto indexed = searchindex::indexAllPending(db.connection(), 1000); !indexed) {
            std::fprintf(stderr, "folio-bench-search: %s\n", qPrintable(indexed.error()));
            return 1;
        }
        const double seconds = double(wall.nsecsElapsed()) / 1e9;
        std::printf("\n== %s articles\n", grouped(std::max<long>(size, next)).c_str());
        if (next > from)
            std::printf("  build: %s articles added in %.2f s wall, %.2f s CPU (%.0f µs/article, %.0f articles/s)\n",
                        grouped(size - from).c_str(), seconds, cpuSeconds() - cpu,
                        (cpuSeconds() - cpu) * 1e6 / double(size - from), double(size - from) / seconds);
        const qint64 textBytes = scalar(db, QStringLiteral("SELECT sum(length(CAST(title AS BLOB)) + "
                                                           "length(CAST(tags AS BLOB)) + length(CAST(body AS BLOB))) "
                                                           "FROM search_text"));
        // Both FTS5 indexes: the words and bigrams, and the characters (search_chars).
        const qint64 indexBytes = scalar(db, QStringLiteral("SELECT sum(pgsize) FROM dbstat WHERE name LIKE "
                                                            "'search_index%' OR name LIKE 'search_chars%'"));
        const qint64 characterBytes =
            scalar(db, QStringLiteral("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_chars%'"));
        const qint64 textTable =
            scalar(db, QStringLiteral("SELECT sum(pgsize) FROM dbstat WHERE name = 'search_text'"));
        const qint64 contentBytes =
            scalar(db, QStringLiteral("SELECT sum(length(CAST(content AS BLOB))) FROM articles"));
        std::printf("  size: index %.1f MB (characters %.1f MB) = %.2f× the indexed text (%.1f MB UTF-8; Markdown "
                    "content %.1f MB); search_text table %.1f MB\n",
                    double(indexBytes) / 1e6, double(characterBytes) / 1e6, double(indexBytes) / double(textBytes),
                    double(textBytes) / 1e6, double(contentBytes) / 1e6, double(textTable) / 1e6);
        if (!runQueries(db, SearchSort::Rank, "rank") || !runQueries(db, SearchSort::Newest, "newest"))
            return 1;
    }

    // Adding one article at a time to the largest index.
    std::vector<double> addMs, addCpuMs;
    for (int i = 0; i < adds; ++i) {
        const Article a = makeArticle(seed, next++);
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        if (!store.upsert(feed.value(), {a}) || !searchindex::indexPending(db.connection(), 1))
            return 1;
        addCpuMs.push_back(threadCpuMs() - cpu);
        addMs.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const Stats s = stats(addMs), c = stats(addCpuMs);
    std::printf("\n  add one article to %s: median %.2f ms, p95 %.2f ms, max %.2f ms (%d adds); CPU median %.2f ms, "
                "p95 %.2f ms, max %.2f ms\n",
                grouped(next - adds).c_str(), s.median, s.p95, s.max, adds, c.median, c.p95, c.max);
    std::printf("peak RSS %.1f MB\n", peakRssMb());
    return 0;
}
