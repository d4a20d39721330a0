#pragma once

#include "domain/feed.h"
#include "domain/result.h"
#include "storage/articlestore.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <optional>

namespace folio {

class Database;

// An article as a fetch found it, with the images it shows (absolute URLs).
struct FetchedArticle {
    Article article;
    QStringList images;
};

// Everything a successful fetch of one feed stores.
struct FetchedFeed {
    QString title;
    QString siteUrl;
    QString iconUrl;
    FeedFetchState state; // validators, body hash, next fetch, ttl
    QList<FetchedArticle> articles;
};

// Image bytes as served to the reader.
struct CachedAsset {
    QByteArray mime;
    QByteArray data;
};

// An image still to be fetched, for the first article that shows it.
struct PendingAsset {
    ArticleId article = 0; // 0 for a feed icon
    QString url;
};

// Writes what syncing brings: a fetched feed in one transaction, then its images one by one.
class SyncStore {
public:
    explicit SyncStore(Database& db)
        : m_db(db)
    {
    }

    // New articles inserted, changed ones updated in place (read and starred kept), the feed's title, site,
    // icon, validators and schedule updated, its images queued — all in one transaction. Articles missing from
    // the fetch are kept.
    Result<UpsertCounts> storeFetch(FeedId feed, const FetchedFeed& fetched);
    // storeFetch in parts, for a fetch stored slice by slice inside the caller's transaction: some of its articles
    // (inserted or updated, their images queued), then the feed's own fields (`fetched.articles` not looked at).
    Result<UpsertCounts> storeArticles(FeedId feed, const QList<FetchedArticle>& articles);
    Status storeFeedFields(FeedId feed, const FetchedFeed& fetched);

    // Images not cached yet and not given up on, in article order (at most `limit`); only `feed`'s when given.
    Result<QList<PendingAsset>> pendingAssets(int limit, std::optional<FeedId> feed = std::nullopt) const;
    // Bytes cached so far for the images of `article`.
    Result<qint64> cachedBytes(ArticleId article) const;
    Status storeAsset(const QString& url, const QByteArray& mime, const QByteArray& data);
    // A failed image fetch; after kMaxAssetAttempts (or at once when `permanent`) it is not tried again.
    Status recordAssetFailure(const QString& url, const QString& message, bool permanent);
    // The cached image of `url`, if any.
    Result<std::optional<CachedAsset>> asset(const QString& url) const;

    static constexpr int kMaxAssetAttempts = 3;

private:
    Database& m_db;
};

} // namespace folio
