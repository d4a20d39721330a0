#pragma once

#include "domain/feed.h"
#include "domain/result.h"

#include <QList>

namespace folio {

class Database;

// The sources articles come from: web feeds and imported Markdown folders.
class FeedStore {
public:
    explicit FeedStore(Database& db)
        : m_db(db)
    {
    }

    // The feed with this URL, created with `title` when it is not there yet.
    Result<FeedId> ensure(FeedKind kind, const QString& url, const QString& title);
    // Every feed with its unread and total counts, by title.
    Result<QList<Feed>> feeds() const;

private:
    Database& m_db;
};

} // namespace folio
