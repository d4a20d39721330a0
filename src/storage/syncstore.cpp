#include "storage/syncstore.h"

#include "storage/database.h"
#include "storage/sql.h"

#include <QCryptographicHash>
#include <QDateTime>

namespace folio {

Result<UpsertCounts> SyncStore::storeFetch(FeedId feed, const FetchedFeed& fetched)
{
    Transaction tx(m_db.connection());
    if (auto began = tx.begin(); !began)
        return fail(began.error());
    auto counts = storeArticles(feed, fetched.articles);
    if (!counts)
        return counts;
    if (auto stored = storeFeedFields(feed, fetched); !stored)
        return fail(stored.error());
    if (auto committed = tx.commit(); !committed)
        return fail(committed.error());
    return counts;
}

Result<UpsertCounts> SyncStore::storeArticles(FeedId feed, const QList<FetchedArticle>& fetched)
{
    const QSqlDatabase db = m_db.connection();
    Transaction tx(db);
    if (auto began = tx.begin(); !began)
        return fail(began.error());

    QList<Article> articles;
    articles.reserve(fetched.size());
    for (const FetchedArticle& f : fetched)
        articles.append(f.article);
    auto counts = ArticleStore(m_db).upsert(feed, articles);
    if (!counts)
        return counts;

    auto articleId = prepare(db, QStringLiteral("SELECT id FROM articles WHERE feed_id = ? AND guid = ?"));
    auto asset = prepare(db, QStringLiteral("INSERT INTO assets (url) VALUES (?) ON CONFLICT (url) DO NOTHING"));
    auto link = prepare(db, QStringLiteral("INSERT OR IGNORE INTO article_assets (article_id, url) VALUES (?, ?)"));
    for (auto* q : {&articleId, &asset, &link}) {
        if (!*q)
            return fail(q->error());
    }
    for (const FetchedArticle& f : fetched) {
        if (f.images.isEmpty())
            continue;
        if (auto ran = run(articleId.value(), {feed, f.article.guid}); !ran)
            return fail(ran.error());
        if (!articleId->next())
            return fail(QStringLiteral("article %1 vanished while being stored").arg(f.article.guid));
        const qint64 id = articleId->value(0).toLongLong();
        articleId->finish();
        for (const QString& url : f.images) {
            if (auto ran = run(asset.value(), {url}); !ran)
                return fail(ran.error());
            if (auto ran = run(link.value(), {id, url}); !ran)
                return fail(ran.error());
        }
    }
    if (auto committed = tx.commit(); !committed)
        return fail(committed.error());
    return counts;
}

Status SyncStore::storeFeedFields(FeedId feed, const FetchedFeed& fetched)
{
    const QSqlDatabase db = m_db.connection();
    Transaction tx(db);
    if (auto began = tx.begin(); !began)
        return began;
    if (!fetched.iconUrl.isEmpty()) {
        if (auto ran = query(db, QStringLiteral("INSERT INTO assets (url) VALUES (?) ON CONFLICT (url) DO NOTHING"),
                             {fetched.iconUrl});
            !ran)
            return fail(ran.error());
    }

    const FeedFetchState& s = fetched.state;
    auto update = query(
        db,
        QStringLiteral("UPDATE feeds SET title = coalesce(?, title), site_url = ?, icon_url = ?, ttl_minutes = ?, "
                       "etag = ?, last_modified = ?, last_hash = ?, next_fetch = ?, last_success = ?, "
                       "last_error = NULL, error_count = 0 WHERE id = ?"),
        {textOrNull(fetched.title), textOrEmpty(fetched.siteUrl), textOrEmpty(fetched.iconUrl), s.ttlMinutes,
         textOrNull(s.etag), textOrNull(s.lastModified), s.lastHash.isEmpty() ? QVariant() : QVariant(s.lastHash),
         msOrNull(s.nextFetch), QDateTime::currentMSecsSinceEpoch(), feed});
    if (!update)
        return fail(update.error());
    if (update->numRowsAffected() == 0)
        return fail(QStringLiteral("there is no feed %1").arg(feed));
    return tx.commit();
}

Result<QList<PendingAsset>> SyncStore::pendingAssets(int limit, std::optional<FeedId> feed) const
{
    // Feed icons first (they have no article), then images in article order so each article completes.
    const QString sql =
        feed
            ? QStringLiteral("SELECT 0, s.url FROM assets s JOIN feeds f ON f.icon_url = s.url "
                             "WHERE f.id = :feed AND s.hash IS NULL AND s.attempts < :attempts "
                             "UNION ALL SELECT * FROM (SELECT min(l.article_id), s.url FROM assets s "
                             "JOIN article_assets l ON l.url = s.url JOIN articles a ON a.id = l.article_id "
                             "WHERE a.feed_id = :feed AND s.hash IS NULL AND s.attempts < :attempts GROUP BY s.url "
                             "ORDER BY 1) LIMIT :limit")
            : QStringLiteral("SELECT coalesce((SELECT min(l.article_id) FROM article_assets l WHERE l.url = s.url), 0) "
                             "AS article, s.url FROM assets s WHERE s.hash IS NULL AND s.attempts < :attempts "
                             "ORDER BY article, s.url LIMIT :limit");
    auto q = prepare(m_db.connection(), sql);
    if (!q)
        return fail(q.error());
    if (feed)
        q->bindValue(QStringLiteral(":feed"), *feed);
    q->bindValue(QStringLiteral(":attempts"), kMaxAssetAttempts);
    q->bindValue(QStringLiteral(":limit"), limit);
    if (auto ran = run(q.value()); !ran)
        return fail(ran.error());
    QList<PendingAsset> pending;
    while (q->next())
        pending.append({q->value(0).toLongLong(), q->value(1).toString()});
    return pending;
}

Result<qint64> SyncStore::cachedBytes(ArticleId article) const
{
    auto q =
        query(m_db.connection(),
              QStringLiteral("SELECT coalesce(sum(s.bytes), 0) FROM article_assets l JOIN assets s ON s.url = l.url "
                             "WHERE l.article_id = ?"),
              {article});
    if (!q)
        return fail(q.error());
    return q->next() ? q->value(0).toLongLong() : 0;
}

Status SyncStore::storeAsset(const QString& url, const QByteArray& mime, const QByteArray& data)
{
    const QSqlDatabase db = m_db.connection();
    Transaction tx(db);
    if (auto began = tx.begin(); !began)
        return began;
    const QByteArray hash = QCryptographicHash::hash(data, QCryptographicHash::Sha256);
    if (auto q = query(db,
                       QStringLiteral("INSERT INTO asset_data (hash, mime, data) VALUES (?, ?, ?) "
                                      "ON CONFLICT (hash) DO NOTHING"),
                       {hash, QString::fromLatin1(mime), data});
        !q)
        return fail(q.error());
    if (auto q = query(db,
                       QStringLiteral("INSERT INTO assets (url, hash, bytes, fetched) VALUES (?, ?, ?, ?) "
                                      "ON CONFLICT (url) DO UPDATE SET hash = excluded.hash, bytes = excluded.bytes, "
                                      "fetched = excluded.fetched, error = NULL"),
                       {url, hash, qint64(data.size()), QDateTime::currentMSecsSinceEpoch()});
        !q)
        return fail(q.error());
    return tx.commit();
}

Status SyncStore::recordAssetFailure(const QString& url, const QString& message, bool permanent)
{
    auto q = query(m_db.connection(),
                   QStringLiteral("UPDATE assets SET attempts = CASE WHEN ? THEN ? ELSE attempts + 1 END, error = ? "
                                  "WHERE url = ?"),
                   {permanent, kMaxAssetAttempts, message, url});
    if (!q)
        return fail(q.error());
    return {};
}

Result<std::optional<CachedAsset>> SyncStore::asset(const QString& url) const
{
    auto q = query(m_db.connection(),
                   QStringLiteral("SELECT d.mime, d.data FROM assets s JOIN asset_data d ON d.hash = s.hash "
                                  "WHERE s.url = ?"),
                   {url});
    if (!q)
        return fail(q.error());
    if (!q->next())
        return std::optional<CachedAsset>();
    return std::optional<CachedAsset>(CachedAsset{q->value(0).toString().toLatin1(), q->value(1).toByteArray()});
}

} // namespace folio
