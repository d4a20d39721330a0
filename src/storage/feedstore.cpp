#include "storage/feedstore.h"

#include "storage/database.h"
#include "storage/sql.h"

#include <QDateTime>
#include <QTimeZone>

namespace folio {

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
    auto q = query(m_db.connection(),
                   QStringLiteral("SELECT f.id, f.kind, f.url, f.title, f.site_url, f.last_success, f.last_error, "
                                  "(SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS total, "
                                  "(SELECT count(*) FROM articles a JOIN article_state s ON s.article_id = a.id "
                                  " WHERE a.feed_id = f.id AND s.read = 0) AS unread "
                                  "FROM feeds f ORDER BY f.title COLLATE NOCASE, f.id"));
    if (!q)
        return fail(q.error());
    QList<Feed> feeds;
    while (q->next()) {
        const auto v = [&q](const char* name) { return q->value(QLatin1String(name)); };
        Feed f;
        f.id = v("id").toLongLong();
        f.kind = feedKindFromStored(v("kind").toInt()).value_or(FeedKind::Web);
        f.url = v("url").toString();
        f.title = v("title").toString();
        f.siteUrl = v("site_url").toString();
        if (!v("last_success").isNull())
            f.lastSuccess = QDateTime::fromMSecsSinceEpoch(v("last_success").toLongLong(), QTimeZone::utc());
        f.lastError = v("last_error").toString();
        f.total = v("total").toLongLong();
        f.unread = v("unread").toLongLong();
        feeds.append(f);
    }
    return feeds;
}

} // namespace folio
