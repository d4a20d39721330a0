#include "storage/searchstore.h"

#include "storage/database.h"
#include "storage/searchquery.h"
#include "storage/searchsnippet.h"
#include "storage/sql.h"

#include <QTimeZone>

#include <algorithm>

namespace folio {

namespace {

const QChar kTagSeparator(0x1F);

// Queries with more hits than this rank only the most recent ones (see search()).
constexpr qint64 kRankWindow = 2000;

// The SQL of one search: which rows, from where, and how to order them. Values are always bound.
struct Plan {
    QString id;   // the article id expression
    QString from; // tables
    QString where;
    QVariantList values;
    bool viaIndex = false;      // driven by MATCH (rank available, highlights possible)
    bool viaCharacters = false; // driven by the character index (only single-character terms)
    QString rank;               // the rank of a hit (lower is better) when the plan can rank
    QVariantList rankValues;    // bound in `rank`, which comes before `where`
};

// Feeds whose title (the user's name for it, else its own) contains `name` case-insensitively, or whose URL is it.
Result<QVariantList> feedIds(const QSqlDatabase& db, const QStringList& names)
{
    auto q = query(db, QStringLiteral("SELECT id, coalesce(user_title, title), url FROM feeds"));
    if (!q)
        return fail(q.error());
    QVariantList ids;
    while (q->next()) {
        const QString title = q->value(1).toString(), url = q->value(2).toString();
        const bool all = std::all_of(names.begin(), names.end(), [&](const QString& name) {
            return title.contains(name, Qt::CaseInsensitive) || url == name;
        });
        if (all)
            ids << q->value(0);
    }
    return ids;
}

// Whether the article `id` has a tag (one bound value: its key). For a tag of few articles, their list is built
// once and each hit looked up in it ("+" keeps SQLite from driving the index by the list); for a common one, each
// hit's tags are probed, as a walk over the hits stops at the count's cap long before it has seen them all.
Result<QString> tagCondition(const QSqlDatabase& db, const QString& id, const QString& tag)
{
    constexpr int kListedTagMax = 10000;
    auto tagged = query(db,
                        QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM article_tags WHERE tag_id = (SELECT id "
                                       "FROM tags WHERE fold = ?) LIMIT ?)"),
                        {tagKey(tag), kListedTagMax + 1});
    if (!tagged)
        return fail(tagged.error());
    const QString tagId = QStringLiteral("(SELECT id FROM tags WHERE fold = ?)");
    if (tagged->next() && tagged->value(0).toInt() <= kListedTagMax)
        return QString(QStringLiteral("+") + id +
                       QStringLiteral(" IN (SELECT article_id FROM article_tags WHERE tag_id = ") + tagId +
                       QLatin1Char(')'));
    return QString(QStringLiteral("EXISTS (SELECT 1 FROM article_tags x WHERE x.tag_id = ") + tagId +
                   QStringLiteral(" AND x.article_id = ") + id + QLatin1Char(')'));
}

Result<Plan> plan(const QSqlDatabase& db, const SearchQuery& query, const searchquery::FtsQuery& fts, SearchSort sort)
{
    Plan p;
    p.viaIndex = !fts.match.isEmpty();
    p.viaCharacters = !p.viaIndex && !fts.characters.isEmpty();
    const bool needState = query.unreadOnly || query.starredOnly || sort == SearchSort::Newest || !p.viaIndex;
    // CROSS JOIN keeps the index as the outer loop: the other way round, SQLite would run the MATCH once per
    // article.
    const QString state =
        needState ? QStringLiteral(" CROSS JOIN article_state st ON st.article_id = s.rowid") : QString();
    const QString inCharacters = QStringLiteral(" IN (SELECT rowid FROM search_chars WHERE search_chars MATCH ?)");
    if (p.viaIndex) {
        p.id = QStringLiteral("s.rowid");
        p.from = QStringLiteral("search_index s") + state;
        p.where = QStringLiteral("search_index MATCH ?");
        p.values << fts.match;
        p.rank = QStringLiteral("folio_rank(search_index)");
        for (const searchquery::FtsQuery::Follows& follows : fts.follows) {
            p.where += QStringLiteral(" AND folio_follows(search_index, ?, ?)");
            p.values << follows.index << follows.character;
        }
        if (!fts.characters.isEmpty()) {
            p.where += QStringLiteral(" AND s.rowid") + inCharacters;
            p.values << fts.characters;
        }
    } else if (p.viaCharacters) {
        // Only single characters: an article ranks by having them in its title (10) and tags (5), as bm25's
        // weights would; the character index knows which articles have them, not how often.
        p.id = QStringLiteral("s.rowid");
        p.from = QStringLiteral("search_chars s") + state;
        p.where = QStringLiteral("search_chars MATCH ?");
        p.values << fts.characters;
        QStringList terms;
        for (const QString& character : fts.cjkRuns) {
            terms << QStringLiteral("10 * (instr(title, ?) > 0) + 5 * (instr(tags, ?) > 0)");
            p.rankValues << character << character;
        }
        p.rank = QStringLiteral("-(SELECT ") + terms.join(QLatin1String(" + ")) +
                 QStringLiteral(" FROM search_text WHERE article_id = s.rowid)");
    } else {
        p.id = QStringLiteral("st.article_id");
        p.from = QStringLiteral("article_state st");
        p.where = QStringLiteral("1");
    }
    // With a positive phrase, `match` holds the exclusions already (… NOT …).
    if (!p.viaIndex && !fts.exclude.isEmpty()) {
        p.where += QStringLiteral(" AND ") + p.id +
                   QStringLiteral(" NOT IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)");
        p.values << fts.exclude;
    }
    for (const searchquery::FtsQuery::Follows& follows : fts.excludedFollows) {
        p.where += QStringLiteral(" AND ") + p.id +
                   QStringLiteral(" NOT IN (SELECT rowid FROM search_index WHERE search_index MATCH ? AND "
                                  "folio_follows(search_index, 0, ?))");
        p.values << follows.phrase << follows.character;
    }
    if (!fts.excludedCharacters.isEmpty()) {
        p.where += QStringLiteral(" AND ") + p.id + QStringLiteral(" NOT") + inCharacters;
        p.values << fts.excludedCharacters;
    }
    // Articles waiting for the index are left out, whatever the query: a new one is not in the index yet, and a
    // changed one is there with its old text (its snippet would show text it no longer has).
    p.where +=
        QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM search_pending WHERE article_id = ") + p.id + QLatin1Char(')');
    if (query.unreadOnly)
        p.where += QStringLiteral(" AND st.read = 0");
    if (query.starredOnly)
        p.where += QStringLiteral(" AND st.starred = 1");
    for (const QString& tag : query.tags) {
        auto condition = tagCondition(db, p.id, tag);
        if (!condition)
            return fail(condition.error());
        p.where += QStringLiteral(" AND ") + condition.value();
        p.values << tagKey(tag);
    }
    for (const QString& tag : query.excludedTags) {
        auto condition = tagCondition(db, p.id, tag);
        if (!condition)
            return fail(condition.error());
        p.where += QStringLiteral(" AND NOT ") + condition.value();
        p.values << tagKey(tag);
    }
    if (!query.feeds.isEmpty()) {
        auto ids = feedIds(db, query.feeds);
        if (!ids)
            return fail(ids.error());
        if (ids->isEmpty()) {
            p.where += QStringLiteral(" AND 0");
        } else {
            QStringList marks(ids->size(), QStringLiteral("?"));
            p.where += QStringLiteral(" AND (SELECT feed_id FROM articles WHERE id = ") + p.id +
                       QStringLiteral(") IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
            p.values << ids.value();
        }
    }
    return p;
}

struct Hit {
    ArticleId id;
    double score;
};

Status fillDetails(const QSqlDatabase& db, QList<SearchHit>& hits)
{
    if (hits.isEmpty())
        return {};
    QStringList marks;
    QVariantList ids;
    for (const SearchHit& h : hits) {
        marks << QStringLiteral("?");
        ids << h.id;
    }
    auto q = query(db,
                   QStringLiteral("SELECT a.id, a.feed_id, coalesce(f.user_title, f.title) AS feed_title, a.title, "
                                  "a.published, st.read, st.starred, (SELECT group_concat(name, char(31)) FROM "
                                  "(SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE "
                                  "x.article_id = a.id ORDER BY x.position)) AS tags FROM articles a JOIN feeds f ON "
                                  "f.id = a.feed_id JOIN article_state st ON st.article_id = a.id WHERE a.id IN (") +
                       marks.join(QLatin1Char(',')) + QLatin1Char(')'),
                   ids);
    if (!q)
        return fail(q.error());
    while (q->next()) {
        const ArticleId id = q->value(0).toLongLong();
        for (SearchHit& h : hits) {
            if (h.id != id)
                continue;
            h.feedId = q->value(1).toLongLong();
            h.feedTitle = q->value(2).toString();
            h.title = q->value(3).toString();
            h.published = QDateTime::fromMSecsSinceEpoch(q->value(4).toLongLong(), QTimeZone::utc());
            h.read = q->value(5).toBool();
            h.starred = q->value(6).toBool();
            const QString tags = q->value(7).toString();
            h.tags = tags.isEmpty() ? QStringList() : tags.split(kTagSeparator);
        }
    }
    return {};
}

// Snippets: from FTS5's highlight() of the matched rows (one statement for the page: each statement parses the
// query again), re-marked for CJK (storage/searchsnippet.h); without a positive term, the start of the text.
Status fillSnippets(const QSqlDatabase& db, const searchquery::FtsQuery& fts, QList<SearchHit>& hits)
{
    if (hits.isEmpty())
        return {};
    QStringList marks;
    QVariantList values;
    if (!fts.match.isEmpty())
        values << fts.match;
    for (const SearchHit& h : hits) {
        marks << QStringLiteral("?");
        values << h.id;
    }
    const QString in = QStringLiteral(" IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    auto marked = query(db,
                        fts.match.isEmpty()
                            ? QStringLiteral("SELECT article_id, title, body FROM search_text WHERE article_id") + in
                            : QStringLiteral("SELECT rowid, highlight(search_index, 0, char(2), char(3)), "
                                             "highlight(search_index, 2, char(2), char(3)) FROM search_index "
                                             "WHERE search_index MATCH ? AND rowid") +
                                  in,
                        values);
    if (!marked)
        return fail(marked.error());
    for (SearchHit& h : hits)
        h.highlightedTitle = h.title;
    while (marked->next()) {
        const ArticleId id = marked->value(0).toLongLong();
        for (SearchHit& h : hits) {
            if (h.id != id)
                continue;
            h.highlightedTitle = searchsnippet::highlighted(marked->value(1).toString(), fts.cjkRuns);
            h.snippet = searchsnippet::snippet(marked->value(2).toString(), fts.cjkRuns);
        }
    }
    return {};
}

} // namespace

Result<SearchPage> SearchStore::search(const QString& text, SearchSort sort, int page, int pageSize) const
{
    auto result = search(searchquery::parse(text), sort, page, pageSize);
    if (result)
        result->query = text;
    return result;
}

Result<SearchPage> SearchStore::search(const SearchQuery& query, SearchSort sort, int page, int pageSize) const
{
    if (pageSize < 1)
        return fail(QStringLiteral("page size must be at least 1"));
    if (page < 1)
        return fail(QStringLiteral("page numbers start at 1"));
    SearchPage result;
    result.page = page;
    result.pageSize = pageSize;
    const QSqlDatabase db = m_db.connection();
    const searchquery::FtsQuery fts = searchquery::ftsQuery(query);
    const bool anything = !fts.match.isEmpty() || !fts.exclude.isEmpty() || !fts.characters.isEmpty() ||
                          !fts.excludedCharacters.isEmpty() || !fts.excludedFollows.isEmpty() || query.hasFilters();
    auto p = anything ? plan(db, query, fts, sort) : Result<Plan>(Plan{});
    if (!p)
        return fail(p.error());

    const bool byRank = sort == SearchSort::Rank && !p->rank.isEmpty();
    const QString base = QStringLiteral(" FROM ") + p->from + QStringLiteral(" WHERE ") + p->where;
    // The oldest hit that is ranked when more than kRankWindow match (see below); 0 when every hit is ranked.
    qint64 oldestRanked = 0;
    if (byRank) {
        // One walk over the newest hits, in the index's rowid order, both counts them (up to the cap) and finds
        // where the ranked window starts: each walk over a phrase's hits checks them position by position.
        QVariantList values = p->values;
        values << kMaxSearchResults + 1;
        auto hits = folio::query(
            db, QStringLiteral("SELECT s.rowid") + base + QStringLiteral(" ORDER BY s.rowid DESC LIMIT ?"), values);
        if (!hits)
            return fail(hits.error());
        qint64 n = 0;
        while (hits->next()) {
            if (++n == kRankWindow)
                oldestRanked = hits->value(0).toLongLong();
        }
        if (n <= kRankWindow)
            oldestRanked = 0;
        result.total = std::min<qint64>(n, kMaxSearchResults);
        result.totalCapped = n > kMaxSearchResults;
    } else if (anything) {
        // Counting stops past the cap: a phrase's hits are checked position by position, and a broad one has
        // tens of thousands at 100,000 articles.
        QVariantList values = p->values;
        values << kMaxSearchResults + 1;
        auto counted = folio::query(db,
                                    QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM ") + p->from +
                                        QStringLiteral(" WHERE ") + p->where + QStringLiteral(" LIMIT ?)"),
                                    values);
        if (!counted)
            return fail(counted.error());
        const qint64 n = counted->next() ? counted->value(0).toLongLong() : 0;
        result.total = std::min<qint64>(n, kMaxSearchResults);
        result.totalCapped = n > kMaxSearchResults;
    }
    result.pageCount = int((result.total + pageSize - 1) / pageSize);
    if (page > result.pageCount && !(page == 1 && result.pageCount == 0))
        return fail(QStringLiteral("page %1 does not exist (this search has %2 page%3)")
                        .arg(page)
                        .arg(result.pageCount)
                        .arg(result.pageCount == 1 ? QString() : QStringLiteral("s")));
    if (result.total == 0)
        return result;

    const qint64 offset = qint64(page - 1) * pageSize;
    const auto fetch = [&](const QString& sql, QVariantList values, bool ranked) -> Status {
        auto rows = folio::query(db, sql, values);
        if (!rows)
            return fail(rows.error());
        while (rows->next()) {
            SearchHit hit;
            hit.id = rows->value(0).toLongLong();
            hit.score = ranked ? -rows->value(1).toDouble() : 0.0;
            result.results.append(std::move(hit));
        }
        return {};
    };
    if (!byRank) {
        QVariantList values = p->values;
        values << pageSize << offset;
        if (auto fetched = fetch(QStringLiteral("SELECT ") + p->id + QStringLiteral(", 0") + base +
                                     QStringLiteral(" ORDER BY st.published DESC, ") + p->id +
                                     QStringLiteral(" DESC LIMIT ? OFFSET ?"),
                                 values, false);
            !fetched)
            return fail(fetched.error());
    } else if (result.total <= kRankWindow) {
        QVariantList values = p->rankValues + p->values;
        values << pageSize << offset;
        if (auto fetched = fetch(QStringLiteral("SELECT s.rowid, ") + p->rank + QStringLiteral(" AS score") + base +
                                     QStringLiteral(" ORDER BY score, s.rowid DESC LIMIT ? OFFSET ?"),
                                 values, true);
            !fetched)
            return fail(fetched.error());
    } else {
        // A broad query: ranking costs about 2 µs for every hit, so only the kRankWindow most recently added hits
        // are ranked (first), and the older ones follow, most recently added first. The window starts at the rowid
        // of its oldest hit; FTS5 walks hits in rowid order without scoring them.
        QVariantList values;
        if (offset < kRankWindow) {
            values = p->rankValues + p->values;
            values << oldestRanked << std::min<qint64>(pageSize, kRankWindow - offset) << offset;
            // The rank function itself, not the rank column: with a rowid range FTS5 computed the rank twice.
            if (auto fetched = fetch(QStringLiteral("SELECT s.rowid, ") + p->rank + QStringLiteral(" AS score") + base +
                                         QStringLiteral(" AND s.rowid >= ? ORDER BY score, s.rowid DESC LIMIT ? "
                                                        "OFFSET ?"),
                                     values, true);
                !fetched)
                return fail(fetched.error());
        }
        const qint64 rest = pageSize - result.results.size();
        if (rest > 0) {
            values = p->rankValues + p->values;
            values << oldestRanked << rest << std::max<qint64>(0, offset - kRankWindow);
            if (auto fetched = fetch(QStringLiteral("SELECT s.rowid, ") + p->rank + base +
                                         QStringLiteral(" AND s.rowid < ? ORDER BY s.rowid DESC LIMIT ? OFFSET ?"),
                                     values, true);
                !fetched)
                return fail(fetched.error());
        }
    }
    if (auto details = fillDetails(db, result.results); !details)
        return fail(details.error());
    if (auto snippets = fillSnippets(db, fts, result.results); !snippets)
        return fail(snippets.error());
    return result;
}

QStringList SearchStore::highlightTerms(const QString& text)
{
    QStringList terms;
    for (const SearchTerm& term : searchquery::parse(text).terms) {
        if (!term.negated && !term.text.trimmed().isEmpty())
            terms << term.text.trimmed();
    }
    terms.removeDuplicates();
    return terms;
}

} // namespace folio
