#include "storage/articlestore.h"

#include "storage/database.h"
#include "storage/digest.h"
#include "storage/listingquery.h"
#include "storage/sql.h"

#include <QHash>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimeZone>

namespace folio {

namespace {

// Covers every field a source can change; fields are length-prefixed so no two articles hash alike by
// shifting text from one field into the next.
QByteArray contentHash(const Article& a)
{
    Digest hash(Digest::Algorithm::Sha1);
    // The UTF-16 text itself is hashed: converting a 4 KB post to UTF-8 first cost as much as the hash.
    const auto add = [&hash](const QString& text) {
        const qint64 size = text.size();
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(&size), sizeof size));
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(text.constData()), text.size() * 2));
    };
    add(a.url);
    add(a.slug);
    add(a.title);
    add(a.author);
    add(QString::number(a.published.toMSecsSinceEpoch()));
    add(a.updated.isValid() ? QString::number(a.updated.toMSecsSinceEpoch()) : QString());
    add(a.dateEstimated ? QStringLiteral("1") : QStringLiteral("0"));
    add(a.summary);
    add(a.content);
    add(QString::number(toStored(a.contentFormat)));
    add(normalizedTags(a.tags).join(QChar(0x1F)));
    return hash.result();
}

const QChar kTagSeparator(0x1F);

} // namespace

Result<UpsertCounts> ArticleStore::upsert(FeedId feed, const QList<Article>& articles)
{
    const QSqlDatabase db = m_db.connection();
    Transaction tx(db);
    if (auto began = tx.begin(); !began)
        return fail(began.error());

    // Through SQLite's own API (sql.h): text bound as UTF-8, and none of QSqlQuery's cost per statement, which was a
    // fifth of storing a feed.
    const auto statement = [&db](const char* sql) { return Utf8Statement::prepare(db, QString::fromLatin1(sql)); };
    auto find = statement("SELECT id, content_hash FROM articles WHERE feed_id = ? AND guid = ?");
    auto insert =
        statement("INSERT INTO articles (feed_id, guid, url, slug, title, author, published, updated, date_estimated, "
                  "summary, content, content_format, content_hash, fetched) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto update = statement("UPDATE articles SET url = ?, slug = ?, title = ?, author = ?, published = ?, updated = ?, "
                            "date_estimated = ?, summary = ?, content = ?, content_format = ?, content_hash = ?, "
                            "fetched = ? WHERE id = ?");
    // Every article has a state row (schema step 6: written here, not by a trigger).
    auto addState = statement("INSERT INTO article_state (article_id, published) VALUES (?, ?)");
    auto dropTags = statement("DELETE FROM article_tags WHERE article_id = ?");
    auto addTag =
        statement("INSERT OR IGNORE INTO article_tags (tag_id, article_id, position, published) VALUES (?,?,?,?)");
    auto newTag = statement("INSERT INTO tags (name, fold) VALUES (?, ?) ON CONFLICT (fold) DO NOTHING");
    auto tagId = statement("SELECT id FROM tags WHERE fold = ?");
    auto pending = statement("INSERT OR IGNORE INTO search_pending (article_id) VALUES (?)");
    for (auto* q : {&find, &insert, &update, &addState, &dropTags, &addTag, &newTag, &tagId, &pending}) {
        if (!*q)
            return fail(q->error());
    }

    QHash<QString, qint64> tagIds;
    const auto idOfTag = [&](const QString& name) -> Result<qint64> {
        const QString key = tagKey(name);
        if (auto it = tagIds.constFind(key); it != tagIds.constEnd())
            return *it;
        if (auto ran = newTag->run({name, key}); !ran)
            return fail(ran.error());
        auto row = tagId->run({key});
        if (!row)
            return fail(row.error());
        if (!row.value())
            return fail(QStringLiteral("tag \"%1\" vanished while being stored").arg(name));
        const qint64 id = tagId->integer(0);
        tagId->finish();
        tagIds.insert(key, id);
        return id;
    };

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    UpsertCounts counts;
    bool tagsChanged = false;
    for (const Article& a : articles) {
        const QByteArray hash = contentHash(a);
        auto found = find->run({feed, a.guid});
        if (!found)
            return fail(found.error());
        std::optional<qint64> existing;
        if (found.value() && find->blob(1) != hash)
            existing = find->integer(0);
        const bool unchanged = found.value() && !existing;
        find->finish();
        if (unchanged) {
            ++counts.unchanged;
            continue;
        }

        const qint64 published = a.published.toMSecsSinceEpoch();
        qint64 id = 0;
        if (existing) {
            id = *existing;
            if (auto ran =
                    update->run({textOrEmpty(a.url), textOrEmpty(a.slug), textOrEmpty(a.title), textOrEmpty(a.author),
                                 published, msOrNull(a.updated), int(a.dateEstimated), textOrEmpty(a.summary),
                                 textOrEmpty(a.content), toStored(a.contentFormat), hash, now, id});
                !ran)
                return fail(ran.error());
            if (auto ran = dropTags->run({id}); !ran)
                return fail(ran.error());
            tagsChanged = true;
            ++counts.updated;
        } else {
            if (auto ran = insert->run({feed, textOrEmpty(a.guid), textOrEmpty(a.url), textOrEmpty(a.slug),
                                        textOrEmpty(a.title), textOrEmpty(a.author), published, msOrNull(a.updated),
                                        int(a.dateEstimated), textOrEmpty(a.summary), textOrEmpty(a.content),
                                        toStored(a.contentFormat), hash, now});
                !ran)
                return fail(ran.error());
            id = insert->lastInsertId();
            if (auto ran = addState->run({id, published}); !ran)
                return fail(ran.error());
            ++counts.inserted;
        }
        int position = 0;
        for (const QString& tag : normalizedTags(a.tags)) {
            auto tid = idOfTag(tag);
            if (!tid)
                return fail(tid.error());
            if (auto ran = addTag->run({tid.value(), id, position++, published}); !ran)
                return fail(ran.error());
        }
        // Searchable later: indexPending() indexes it (searchindex.h); storing stays as fast as it was before search.
        if (auto ran = pending->run({id}); !ran)
            return fail(ran.error());
    }
    if (tagsChanged) {
        // An update may have left a tag with no article; it should not linger in the sidebar.
        if (auto ran = query(db, QStringLiteral("DELETE FROM tags WHERE NOT EXISTS "
                                                "(SELECT 1 FROM article_tags x WHERE x.tag_id = tags.id)"));
            !ran)
            return fail(ran.error());
    }
    if (auto committed = tx.commit(); !committed)
        return fail(committed.error());
    return counts;
}

Result<Article> ArticleStore::article(ArticleId id) const
{
    auto q =
        query(m_db.connection(),
              QStringLiteral(
                  "SELECT a.id, a.feed_id, f.title AS feed_title, f.url AS feed_url, a.guid, a.url, a.slug, a.title, "
                  "a.author, a.published, "
                  "a.updated, a.date_estimated, a.summary, a.content, a.content_format, s.read, s.starred, "
                  "(SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM article_tags x JOIN tags t ON t.id = "
                  "x.tag_id WHERE x.article_id = a.id ORDER BY x.position)) AS tags "
                  "FROM articles a JOIN article_state s ON s.article_id = a.id JOIN feeds f ON f.id = a.feed_id "
                  "WHERE a.id = ?"),
              {id});
    if (!q)
        return fail(q.error());
    if (!q->next())
        return fail(QStringLiteral("no article with id %1").arg(id));
    const auto v = [&q](const char* name) { return q->value(QLatin1String(name)); };
    Article a;
    a.id = v("id").toLongLong();
    a.feedId = v("feed_id").toLongLong();
    a.feedTitle = v("feed_title").toString();
    a.feedUrl = v("feed_url").toString();
    a.guid = v("guid").toString();
    a.url = v("url").toString();
    a.slug = v("slug").toString();
    a.title = v("title").toString();
    a.author = v("author").toString();
    a.published = utcFromMs(v("published"));
    a.updated = utcFromMs(v("updated"));
    a.dateEstimated = v("date_estimated").toBool();
    a.summary = v("summary").toString();
    a.content = v("content").toString();
    a.contentFormat = contentFormatFromStored(v("content_format").toInt()).value_or(ContentFormat::Markdown);
    a.read = v("read").toBool();
    a.starred = v("starred").toBool();
    const QString tags = v("tags").toString();
    a.tags = tags.isEmpty() ? QStringList() : tags.split(kTagSeparator);
    return a;
}

Result<qint64> ArticleStore::count() const
{
    auto q = query(m_db.connection(), QStringLiteral("SELECT count(*) FROM articles"));
    if (!q)
        return fail(q.error());
    return q->next() ? q->value(0).toLongLong() : 0;
}

Result<LibraryCounts> ArticleStore::counts() const
{
    auto q = query(m_db.connection(), QStringLiteral("SELECT (SELECT count(*) FROM articles), "
                                                     "(SELECT count(*) FROM article_state WHERE read = 0), "
                                                     "(SELECT count(*) FROM article_state WHERE starred = 1)"));
    if (!q)
        return fail(q.error());
    if (!q->next())
        return LibraryCounts{};
    return LibraryCounts{q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toLongLong()};
}

namespace {

const QString kSetRead = QStringLiteral("UPDATE article_state SET read = ?, read_at = CASE WHEN ? THEN ? END "
                                        "WHERE article_id = ? AND read <> ?");
const QString kSetStarred = QStringLiteral("UPDATE article_state SET starred = ?, starred_at = CASE WHEN ? THEN ? END "
                                           "WHERE article_id = ? AND starred <> ?");

QVariantList stateValues(ArticleId id, bool on)
{
    return {int(on), int(on), QDateTime::currentMSecsSinceEpoch(), id, int(on)};
}

// Runs one statement (its own transaction) without waiting for the write lock: false when another connection
// holds it.
Result<bool> writeWithoutWaiting(const QSqlDatabase& db, const QString& sql, const QVariantList& values)
{
    QSqlQuery q(db);
    // The connection's busy timeout (Database::open) is put back whatever happens.
    if (!q.exec(QStringLiteral("PRAGMA busy_timeout = 0")))
        return fail(q.lastError().text());
    const auto restore = qScopeGuard(
        [&db] { QSqlQuery(db).exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(Database::kBusyTimeoutMs)); });
    if (!q.prepare(sql))
        return fail(q.lastError().text());
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    if (q.exec())
        return true;
    // SQLITE_BUSY (5) and SQLITE_LOCKED (6), with or without an extended code.
    const int code = q.lastError().nativeErrorCode().toInt() & 0xff;
    if (code == 5 || code == 6)
        return false;
    return fail(QStringLiteral("database error: %1").arg(q.lastError().databaseText()));
}

} // namespace

Status ArticleStore::setRead(ArticleId id, bool read)
{
    if (auto q = query(m_db.connection(), kSetRead, stateValues(id, read)); !q)
        return fail(q.error());
    return {};
}

Status ArticleStore::setStarred(ArticleId id, bool starred)
{
    if (auto q = query(m_db.connection(), kSetStarred, stateValues(id, starred)); !q)
        return fail(q.error());
    return {};
}

Result<bool> ArticleStore::trySetRead(ArticleId id, bool read)
{
    return writeWithoutWaiting(m_db.connection(), kSetRead, stateValues(id, read));
}

Result<bool> ArticleStore::trySetStarred(ArticleId id, bool starred)
{
    return writeWithoutWaiting(m_db.connection(), kSetStarred, stateValues(id, starred));
}

Result<QList<ArticleId>> ArticleStore::markAllRead(const ListingFilter& filter)
{
    const QSqlDatabase db = m_db.connection();
    Transaction tx(db);
    if (auto began = tx.begin(); !began)
        return fail(began.error());
    const ListingQuery lq = ListingQuery::forFilter(filter);
    QVariantList values{QDateTime::currentMSecsSinceEpoch()};
    values += lq.values;
    auto q = query(db,
                   QStringLiteral("UPDATE article_state SET read = 1, read_at = ? WHERE read = 0 AND article_id IN "
                                  "(SELECT ") +
                       lq.id + QStringLiteral(" FROM ") + lq.from + QStringLiteral(" WHERE ") + lq.where +
                       QStringLiteral(") RETURNING article_id"),
                   values);
    if (!q)
        return fail(q.error());
    QList<ArticleId> changed;
    while (q->next())
        changed.append(q->value(0).toLongLong());
    q->finish();
    if (auto committed = tx.commit(); !committed)
        return fail(committed.error());
    return changed;
}

Status ArticleStore::markUnread(const QList<ArticleId>& ids)
{
    const QSqlDatabase db = m_db.connection();
    Transaction tx(db);
    if (auto began = tx.begin(); !began)
        return began;
    auto update = prepare(db, QStringLiteral("UPDATE article_state SET read = 0, read_at = NULL WHERE article_id = ?"));
    if (!update)
        return fail(update.error());
    for (const ArticleId id : ids) {
        if (auto ran = run(update.value(), {id}); !ran)
            return ran;
    }
    return tx.commit();
}

Result<ListingIndex> ArticleStore::listingIndex(const ListingFilter& filter, int pageSize) const
{
    if (pageSize < 1)
        return fail(QStringLiteral("page size must be at least 1"));
    const ListingQuery lq = ListingQuery::forFilter(filter);
    // One walk down the listing's own index, reading two integers a row: every pageSize-th row starts a page.
    auto q = query(m_db.connection(),
                   QStringLiteral("SELECT ") + lq.published + QStringLiteral(", ") + lq.id + QStringLiteral(" FROM ") +
                       lq.from + QStringLiteral(" WHERE ") + lq.where + QStringLiteral(" ORDER BY ") + lq.orderBy(),
                   lq.values);
    if (!q)
        return fail(q.error());
    ListingIndex index;
    index.pageSize = pageSize;
    qint64 row = 0;
    while (q->next()) {
        if (row % pageSize == 0)
            index.pageStarts.append({q->value(0).toLongLong(), q->value(1).toLongLong()});
        ++row;
    }
    index.total = row;
    return index;
}

Result<QList<ArticleSummary>> ArticleStore::listingRows(const ListingFilter& filter,
                                                        const std::optional<ListingCursor>& start, int limit,
                                                        From from) const
{
    const ListingQuery lq = ListingQuery::forFilter(filter);
    QString sql =
        QStringLiteral("SELECT a.id, a.feed_id, f.title AS feed_title, a.title, a.url, a.published, a.summary, "
                       "st.read, st.starred, (SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM "
                       "article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id ORDER BY "
                       "x.position)) AS tags FROM ") +
        lq.fromWithArticle() +
        QStringLiteral(" JOIN article_state st ON st.article_id = a.id JOIN feeds f ON f.id = a.feed_id "
                       "WHERE ") +
        lq.where;
    QVariantList values = lq.values;
    if (start) {
        sql += QStringLiteral(" AND ") + lq.keyset(from == From::AtCursor);
        values << start->publishedMs << start->id;
    }
    sql += QStringLiteral(" ORDER BY ") + lq.orderBy() + QStringLiteral(" LIMIT ?");
    values << limit;

    auto q = query(m_db.connection(), sql, values);
    if (!q)
        return fail(q.error());
    const QSqlRecord rec = q->record();
    const int cId = rec.indexOf(QStringLiteral("id")), cFeed = rec.indexOf(QStringLiteral("feed_id")),
              cFeedTitle = rec.indexOf(QStringLiteral("feed_title")), cTitle = rec.indexOf(QStringLiteral("title")),
              cUrl = rec.indexOf(QStringLiteral("url")), cPublished = rec.indexOf(QStringLiteral("published")),
              cSummary = rec.indexOf(QStringLiteral("summary")), cRead = rec.indexOf(QStringLiteral("read")),
              cStarred = rec.indexOf(QStringLiteral("starred")), cTags = rec.indexOf(QStringLiteral("tags"));
    QList<ArticleSummary> rows;
    rows.reserve(limit);
    while (q->next()) {
        ArticleSummary s;
        s.id = q->value(cId).toLongLong();
        s.feedId = q->value(cFeed).toLongLong();
        s.feedTitle = q->value(cFeedTitle).toString();
        s.title = q->value(cTitle).toString();
        s.url = q->value(cUrl).toString();
        s.published = utcFromMs(q->value(cPublished));
        s.excerpt = q->value(cSummary).toString();
        s.read = q->value(cRead).toBool();
        s.starred = q->value(cStarred).toBool();
        const QString tags = q->value(cTags).toString();
        s.tags = tags.isEmpty() ? QStringList() : tags.split(kTagSeparator);
        rows.append(std::move(s));
    }
    return rows;
}

Result<ListingPage> ArticleStore::listingPage(const ListingFilter& filter, int page, int pageSize) const
{
    auto index = listingIndex(filter, pageSize);
    if (!index)
        return fail(index.error());
    ListingPage result;
    result.page = page;
    result.pageSize = pageSize;
    result.total = index->total;
    result.pageCount = index->pageCount();
    if (page < 1 || (page > result.pageCount && !(page == 1 && result.pageCount == 0)))
        return fail(QStringLiteral("page %1 does not exist (this listing has %2 page%3)")
                        .arg(page)
                        .arg(result.pageCount)
                        .arg(result.pageCount == 1 ? QString() : QStringLiteral("s")));
    if (result.pageCount == 0)
        return result;
    auto rows = listingRows(filter, index->pageStarts.at(page - 1), pageSize);
    if (!rows)
        return fail(rows.error());
    result.articles = std::move(rows.value());
    return result;
}

Result<QList<TagCount>> ArticleStore::tagCounts() const
{
    auto q = query(m_db.connection(),
                   QStringLiteral("SELECT t.name, count(*) AS n FROM tags t JOIN article_tags x ON x.tag_id = t.id "
                                  "GROUP BY t.id ORDER BY t.fold"));
    if (!q)
        return fail(q.error());
    QList<TagCount> tags;
    while (q->next())
        tags.append({q->value(0).toString(), q->value(1).toLongLong()});
    return tags;
}

} // namespace folio
