#pragma once

#include "domain/feed.h"
#include "domain/result.h"

#include <QList>

#include <optional>

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
    Result<Feed> feed(FeedId id) const;
    Result<std::optional<Feed>> feedByUrl(const QString& url) const;
    // Web feeds whose next fetch is due at `now` (never fetched, or scheduled at or before it).
    Result<QList<FeedId>> dueFeeds(const QDateTime& now) const;

    // The user's name for a feed; an empty name goes back to the feed's own title.
    Status rename(FeedId id, const QString& title);
    // Removes the feed with its articles, their reading state and tags.
    Status remove(FeedId id);

    // A fetch that brought nothing new (304, or the same body): schedule and validators only.
    Status recordUnchanged(FeedId id, const FeedFetchState& state);
    // A failed fetch: the message shown to the user, one more error, and when to try again.
    Status recordError(FeedId id, const QString& message, const QDateTime& nextFetch);
    // The feed moved for good (a permanent redirect). Fails when another feed already has that URL.
    Status moveTo(FeedId id, const QString& url);

private:
    Database& m_db;
};

} // namespace folio
