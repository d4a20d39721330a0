#pragma once

#include "domain/feed.h"
#include "domain/result.h"
#include "sync/schedule.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QThreadPool>
#include <QUrl>

#include <functional>
#include <memory>

class QThread;

namespace folio {

class Database;
namespace searchindex {
class PendingIndexer;
}
class HttpFetcher;
struct HttpResponse;

struct SyncOptions {
    bool cacheImages = true;
    qint64 maxFeedBytes = 32 * 1024 * 1024;
    qint64 maxImageBytes = 10 * 1024 * 1024;
    qint64 maxArticleImageBytes = 40 * 1024 * 1024; // all images of one article together
    int imagesPerFeedAndSync = 300;                 // the rest wait for the next sync
    int timeoutMs = 30'000;                         // without any data arriving
    int deadlineMs = 10 * 60'000;                   // a whole transfer
    SchedulePolicy schedule;
};

// What syncing one feed did.
struct FeedSyncResult {
    FeedId feed = 0;
    QString url;
    QString title;
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    bool notModified = false; // 304, or a body identical to the last one
    QString error;            // empty on success
    QStringList warnings;     // what the parser recovered from
};

struct SyncSummary {
    QList<FeedSyncResult> feeds;
    int imagesCached = 0;
    int imagesFailed = 0;

    int newArticles() const;
    int errors() const;
};

// Keeps web feeds current: fetches (HttpFetcher's manners), parses and prepares on worker threads, stores each
// feed in one transaction on a writer thread with its own connection, then caches the images of what it
// stored. Signals arrive on the thread that created it; it never blocks that thread.
// Search indexing follows storing: a feed is reported synced (feedSynced) once its articles are stored and
// readable; the search index then catches up on the writer thread in batches of its own, and finished comes only
// after it has, so whoever waits for finished can search what was synced.
class FeedSync : public QObject {
    Q_OBJECT
public:
    FeedSync(QString databasePath, SyncOptions options = {}, QObject* parent = nullptr);
    ~FeedSync() override;

    void setCacheImages(bool on) { m_options.cacheImages = on; }

    // Fetches these feeds now (conditional GET still applies). Feeds already syncing are not fetched twice.
    void syncFeeds(const QList<FeedId>& feeds);
    // Every web feed now.
    void syncAll();
    // The web feeds whose schedule says they are due.
    void syncDue();
    // Subscribes to `url`: a feed URL, or a site whose page announces a feed (or has one at a usual path).
    // The first fetch is stored at once. Emits feedAdded or addFailed.
    void addFeed(const QUrl& url);
    // Parses a feed file (RSS/Atom/JSON Feed) as if fetched from `url` and stores it as that feed.
    void importFeedFile(const QByteArray& bytes, const QUrl& url);

Q_SIGNALS:
    void feedSynced(const FeedSyncResult& result);
    void progress(int done, int total);
    // Articles of this sync run made searchable so far (after each indexing batch; feedSynced came before).
    void indexed(int articles);
    void imageCached(qint64 article);
    void feedAdded(qint64 feed, const QString& title);
    void addFailed(const QString& url, const QString& error);
    void finished(const SyncSummary& summary);

private:
    void onWriter(std::function<void(Database*)> task);
    void onOwner(std::function<void()> task);
    void fetchFeed(const Feed& feed);
    void storeResponse(const Feed& feed, const HttpResponse& response);
    void feedDone(const FeedSyncResult& result);
    void cacheImages(FeedId feed);
    void fetchImage(qint64 article, const QString& url);
    void tryCandidates(QList<QUrl> candidates, const QUrl& original);
    void acceptNewFeed(const QUrl& requested, const HttpResponse& response, const QUrl& original);
    void begin();
    void end();
    void indexPending();
    void indexBatch();

    QString m_databasePath;
    SyncOptions m_options;
    HttpFetcher* m_fetcher;
    QThread* m_writerThread;
    QObject* m_writer;
    std::shared_ptr<std::unique_ptr<Database>> m_db;        // opened and used on the writer thread only
    std::shared_ptr<searchindex::PendingIndexer> m_indexer; // used on the writer thread only
    QSet<FeedId> m_syncing;
    QHash<qint64, qint64> m_articleImageBytes;
    SyncSummary m_summary;
    int m_outstanding = 0;
    bool m_indexing = false;    // an indexPending() run is under way: it goes on until nothing is pending
    bool m_indexLooked = false; // this sync has run indexPending() at least once
    int m_indexed = 0;          // articles this sync run has indexed
    int m_done = 0;
    int m_total = 0;
    QThreadPool m_checkpointer; // one thread: copies the write-ahead log into the library after a sync run
};

} // namespace folio
