#include "storage/feedstore.h"

#include "storage/database.h"
#include "storage/sql.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTimeZone>

namespace folio {

namespace {

const QString kFeedColumns = QStringLiteral(
    "f.id, f.kind, f.url, f.title, f.user_title, f.site_url, f.icon_url, f.etag, f.last_modified, f.last_hash, "
    "f.last_success, f.last_error, f.error_count, f.next_fetch, f.ttl_minutes, "
    "(SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS total, "
    "(SELECT count(*) FROM articles a JOIN article_state s ON s.article_id = a.id "
    " WHERE a.feed_id = f.id AND s.read = 0) AS unread");

Feed feedFrom(const QSqlQuery& q)
{
    const auto v = [&q](const char* name) { return q.value(QLatin1String(name)); };
    Feed f;
    f.id = v("id").toLongLong();
    f.kind = feedKindFromStored(v("kind").toInt()).value_or(FeedKind::Web);
    f.url = v("url").toString();
    const QString userTitle = v("user_title").toString();
    f.renamed = !userTitle.isEmpty();
    f.title = f.renamed ? userTitle : v("title").toString();
    f.siteUrl = v("site_url").toString();
    f.iconUrl = v("icon_url").toString();
    f.lastSuccess = utcFromMs(v("last_success"));
    f.lastError = v("last_error").toString();
    f.fetch.etag = v("etag").toString();
    f.fetch.lastModified = v("last_modified").toString();
    f.fetch.lastHash = v("last_hash").toByteArray();
    f.fetch.nextFetch = utcFromMs(v("next_fetch"));
    f.fetch.errorCount = v("error_count").toInt();
    f.fetch.ttlMinutes = v("ttl_minutes").toInt();
    f.total = v("total").toLongLong();
    f.unread = v("unread").toLongLong();
    return f;
}

Status expectOneRow(const QSqlQuery& q, FeedId id)
{
    if (q.numRowsAffected() == 0)
        return fail(QStringLiteral("there is no feed %1").arg(id));
    return {};
}

} // namespace

Result<FeedId> FeedStore::ensure(FeedKind kind, const QString& url, const QString& title)
{
    const QSqlDatabase db = m_db.connection();
    auto inserted = query(db,
                          QStringLiteral("INSERT INTO feeds (kind, url, title, added) VALUES (?, ?, ?, ?) "
                                         "ON CONFLICT (url) DO NOTHING"),
                          {toStored(kind), url, title, QDateTime::currentMSecsSinceEpoch()});
    if (!inserted)
        return fail(inserted.error());
    auto found = query(db, QStringLiteral("SELECT id FROM feeds WHERE url = ?"), {url});
    if (!found)
        return fail(found.error());
    if (!found->next())
        return fail(QStringLiteral("feed %1 could not be stored").arg(url));
    return found->value(0).toLongLong();
}

Result<QList<Feed>> FeedStore::feeds() const
{
    auto q = query(m_db.connection(), QStringLiteral("SELECT ") + kFeedColumns +
                                          QStringLiteral(" FROM feeds f ORDER BY coalesce(f.user_title, f.title) "
                                                         "COLLATE NOCASE, f.id"));
    if (!q)
        return fail(q.error());
    QList<Feed> feeds;
    while (q->next())
        feeds.append(feedFrom(q.value()));
    return feeds;
}

Result<Feed> FeedStore::feed(FeedId id) const
{
    auto q = query(m_db.connection(),
                   QStringLiteral("SELECT ") + kFeedColumns + QStringLiteral(" FROM feeds f WHERE f.id = ?"), {id});
    if (!q)
        return fail(q.error());
    if (!q->next())
        return fail(QStringLiteral("there is no feed %1").arg(id));
    return feedFrom(q.value());
}

Result<std::optional<Feed>> FeedStore::feedByUrl(const QString& url) const
{
    auto q = query(m_db.connection(),
                   QStringLiteral("SELECT ") + kFeedColumns + QStringLiteral(" FROM feeds f WHERE f.url = ?"), {url});
    if (!q)
        return fail(q.error());
    if (!q->next())
        return std::optional<Feed>();
    return std::optional<Feed>(feedFrom(q.value()));
}

Result<QList<FeedId>> FeedStore::dueFeeds(const QDateTime& now) const
{
    auto q = query(m_db.connection(),
                   QStringLiteral("SELECT id FROM feeds WHERE kind = ? AND (next_fetch IS NULL OR next_fetch <= ?) "
                                  "ORDER BY coalesce(next_fetch, 0), id"),
                   {toStored(FeedKind::Web), now.toMSecsSinceEpoch()});
    if (!q)
        return fail(q.error());
    QList<FeedId> due;
    while (q->next())
        due.append(q->value(0).toLongLong());
    return due;
}

Status FeedStore::rename(FeedId id, const QString& title)
{
    auto q = query(m_db.connection(), QStringLiteral("UPDATE feeds SET user_title = ? WHERE id = ?"),
                   {textOrNull(title.trimmed()), id});
    if (!q)
        return fail(q.error());
    return expectOneRow(q.value(), id);
}

Status FeedStore::remove(FeedId id)
{
    Transaction tx(m_db.connection());
    if (auto began = tx.begin(); !began)
        return began;
    // Tags left without articles go too, so the sidebar never lists empty tags.
    auto q = query(m_db.connection(), QStringLiteral("DELETE FROM feeds WHERE id = ?"), {id});
    if (!q)
        return fail(q.error());
    if (auto found = expectOneRow(q.value(), id); !found)
        return found;
    q->finish();
    if (auto orphans =
            query(m_db.connection(), QStringLiteral("DELETE FROM tags WHERE NOT EXISTS "
                                                    "(SELECT 1 FROM article_tags t WHERE t.tag_id = tags.id)"));
        !orphans)
        return fail(orphans.error());
    return tx.commit();
}

Status FeedStore::recordUnchanged(FeedId id, const FeedFetchState& state)
{
    auto q = query(m_db.connection(),
                   QStringLiteral("UPDATE feeds SET etag = ?, last_modified = ?, last_hash = ?, next_fetch = ?, "
                                  "last_success = ?, last_error = NULL, error_count = 0 WHERE id = ?"),
                   {textOrNull(state.etag), textOrNull(state.lastModified),
                    state.lastHash.isEmpty() ? QVariant() : QVariant(state.lastHash), msOrNull(state.nextFetch),
                    QDateTime::currentMSecsSinceEpoch(), id});
    if (!q)
        return fail(q.error());
    return expectOneRow(q.value(), id);
}

Status FeedStore::recordError(FeedId id, const QString& message, const QDateTime& nextFetch)
{
    auto q = query(m_db.connection(),
                   QStringLiteral("UPDATE feeds SET last_error = ?, error_count = error_count + 1, next_fetch = ? "
                                  "WHERE id = ?"),
                   {message, msOrNull(nextFetch), id});
    if (!q)
        return fail(q.error());
    return expectOneRow(q.value(), id);
}

Status FeedStore::moveTo(FeedId id, const QString& url)
{
    auto taken = query(m_db.connection(), QStringLiteral("SELECT id FROM feeds WHERE url = ? AND id <> ?"), {url, id});
    if (!taken)
        return fail(taken.error());
    if (taken->next())
        return fail(QStringLiteral("feed %1 moved to %2, which is already another feed").arg(id).arg(url));
    taken->finish();
    auto q = query(m_db.connection(), QStringLiteral("UPDATE feeds SET url = ? WHERE id = ?"), {url, id});
    if (!q)
        return fail(q.error());
    return expectOneRow(q.value(), id);
}

} // namespace folio
