#pragma once

#include "domain/article.h"
#include "domain/listing.h"
#include "domain/result.h"

#include <QList>

#include <optional>

namespace folio {

class Database;

struct UpsertCounts {
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
};

// Articles, their reading state and tags. Every write is one transaction: it all lands or none of it does.
class ArticleStore {
public:
    explicit ArticleStore(Database& db)
        : m_db(db)
    {
    }

    // Stores articles of one feed: new guids are inserted, changed ones updated in place (reading state
    // kept), unchanged ones not written at all. Inserted and updated ones wait for the search index
    // (searchindex::indexPending): readable at once, searchable once indexed.
    Result<UpsertCounts> upsert(FeedId feed, const QList<Article>& articles);

    Result<Article> article(ArticleId id) const;
    Result<qint64> count() const;
    // All, Unread and Starred, each counted on its own index.
    Result<LibraryCounts> counts() const;

    Status setRead(ArticleId id, bool read);
    Status setStarred(ArticleId id, bool starred);
    // The same without waiting for another writer (a sync storing a big feed holds the library for seconds):
    // false, with nothing written, when one holds it now.
    Result<bool> trySetRead(ArticleId id, bool read);
    Result<bool> trySetStarred(ArticleId id, bool starred);
    // Marks every unread article of `filter` read in one transaction, and says which ones it changed (to undo).
    Result<QList<ArticleId>> markAllRead(const ListingFilter& filter);
    // Marks `ids` unread again, in one transaction.
    Status markUnread(const QList<ArticleId>& ids);

    // Total and page starts of a listing in one index scan; computed once per filter, then any page is one
    // keyset query.
    Result<ListingIndex> listingIndex(const ListingFilter& filter, int pageSize) const;
    // Up to `limit` rows in listing order from `start`, or from the newest when there is none. A page start
    // is inclusive; reading on after the last row shown is exclusive, and so never repeats or skips a row
    // whatever was inserted meanwhile.
    enum class From { AtCursor, AfterCursor };
    Result<QList<ArticleSummary>> listingRows(const ListingFilter& filter, const std::optional<ListingCursor>& start,
                                              int limit, From from = From::AtCursor) const;
    // Page `page` (1-based) of a listing. Fails when the page is past the end.
    Result<ListingPage> listingPage(const ListingFilter& filter, int page, int pageSize) const;

    // Tags with how many articles carry each, by name.
    Result<QList<TagCount>> tagCounts() const;

private:
    Database& m_db;
};

} // namespace folio
