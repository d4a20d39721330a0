#include "sync/feedsync.h"

#include "parse/feedparser.h"
#include "storage/database.h"
#include "storage/digest.h"
#include "storage/feedstore.h"
#include "storage/searchindex.h"
#include "storage/sql.h"
#include "storage/syncstore.h"
#include "sync/feedpreparation.h"
#include "sync/handoff.h"
#include "sync/httpfetcher.h"

#include <QBuffer>
#include <QFile>
#include <QMimeDatabase>
#include <QThread>
#include <QtConcurrent/QtConcurrentMap>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <optional>
#include <thread>
#include <utility>

namespace folio {

namespace {

constexpr const char* kFeedAccept =
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1";

bool isImage(const QByteArray& contentType, const QByteArray& body)
{
    if (contentType.startsWith("image/"))
        return true;
    // Servers label images application/octet-stream often enough: trust the bytes then.
    return QMimeDatabase().mimeTypeForData(body).name().startsWith(QLatin1String("image/"));
}

QByteArray imageMime(const QByteArray& contentType, const QByteArray& body)
{
    const QString sniffed = QMimeDatabase().mimeTypeForData(body).name();
    if (sniffed.startsWith(QLatin1String("image/")))
        return sniffed.toLatin1();
    return contentType;
}

FeedFetchState stateAfterSuccess(const Feed& feed, const HttpResponse& response, const QByteArray& hash, int ttlMinutes,
                                 const SchedulePolicy& policy)
{
    FeedFetchState state;
    state.etag = response.etag;
    state.lastModified = response.lastModified;
    state.lastHash = hash.isEmpty() ? feed.fetch.lastHash : hash;
    state.ttlMinutes = ttlMinutes;
    state.nextFetch = nextFetchAfterSuccess(QDateTime::currentDateTimeUtc(), ttlMinutes, policy);
    return state;
}

// Items per slice handed from the parser to the pool and the writer. What is still in flight when the parser ends
// (two slices waiting, one being prepared, one stored) is the pipeline's tail: 200 rather than 500 made a
// 10,000-item feed readable ~0.15 s sooner and took ~15 MB less memory, with no cost seen from the extra slices.
constexpr qsizetype kStoreSlice = 200;
// A feed body larger than this is spooled to a temporary file as it arrives and parsed from there, a piece at a
// time: memory does not grow with the size of the feed.
constexpr qint64 kSpoolFeedsAbove = 1024 * 1024;
// What looksLikeFeed looks at.
constexpr qint64 kSniffBytes = 64 * 1024;
// Articles indexed per transaction (~0.2 s of the writer thread): short enough for the next feed's store to come
// soon, long enough for FTS5 to write its segments in bulk.
constexpr int kIndexBatch = 500;

// The body's first `max` bytes (all of it when `max` is negative), from memory or from its spooled file.
QByteArray bodyBytes(const HttpResponse& response, qint64 max = -1)
{
    if (!response.spooled)
        return max < 0 ? response.body : response.body.left(max);
    QFile file(response.spooled->path());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return max < 0 ? file.readAll() : file.read(max);
}

// The body opened for reading: its spooled file, or `memory` over its bytes; null when the file cannot be read.
QIODevice* openBody(const HttpResponse& response, QBuffer& memory, QFile& file)
{
    QIODevice* device = &memory;
    if (response.spooled) {
        file.setFileName(response.spooled->path());
        device = &file;
    } else {
        memory.setData(response.body);
    }
    return device->open(QIODevice::ReadOnly) ? device : nullptr;
}

// SHA-256 of the body: computed as it arrived, or now for a body kept in memory without one.
QByteArray bodyHash(const HttpResponse& response)
{
    return !response.sha256.isEmpty() ? response.sha256 : Digest::hash(response.body, Digest::Algorithm::Sha256);
}

// What parsing and storing one feed's body came to.
struct StoredBody {
    QString title;
    QStringList warnings;
    UpsertCounts counts;
    QString storeError; // the database refused: nothing was stored
};

// Parses a feed's body and stores its items while they are read, kStoreSlice at a time, in one transaction begun
// with the first slice: memory holds a few slices and the text, never the whole feed as items, and a failure leaves
// nothing stored. Three stages overlap: the parser reads on a thread of its own and hands each slice over, the
// worker pool prepares (sanitizes…) a slice, and this thread stores the slice before it. A parse failure is the
// error.
Result<StoredBody> parseAndStore(Database& db, FeedId feed, QIODevice& body, const QUrl& url, const QByteArray& charset,
                                 const std::function<FeedFetchState(int)>& stateFor)
{
    StoredBody out;
    std::optional<Transaction> tx;
    SyncStore store(db);
    Handoff<QList<FeedItem>> parsedSlices(2);
    Result<FeedDocument> parsed = fail(QString());
    std::thread parser([&] {
        QList<FeedItem> slice;
        parsed = streamFeed(body, url, charset, QDateTime::currentDateTimeUtc(), [&](FeedItem&& item) {
            slice.append(std::move(item));
            return slice.size() < kStoreSlice || parsedSlices.put(std::exchange(slice, {}));
        });
        if (!slice.isEmpty())
            parsedSlices.put(std::move(slice));
        parsedSlices.finish();
    });
    std::optional<QFuture<FetchedArticle>> preparing; // the slice taken before the newest one
    // Waits for the slice being prepared and stores it.
    const auto storePrepared = [&]() -> bool {
        if (!preparing)
            return true;
        const QList<FetchedArticle> prepared = preparing->results();
        preparing.reset();
        if (!tx) {
            tx.emplace(db.connection());
            if (auto began = tx->begin(); !began) {
                out.storeError = began.error();
                return false;
            }
        }
        const auto counts = store.storeArticles(feed, prepared);
        if (!counts) {
            out.storeError = counts.error();
            return false;
        }
        out.counts.inserted += counts->inserted;
        out.counts.updated += counts->updated;
        out.counts.unchanged += counts->unchanged;
        return true;
    };
    bool stored = true;
    while (std::optional<QList<FeedItem>> slice = parsedSlices.take()) {
        QFuture<FetchedArticle> next = QtConcurrent::mapped(std::move(*slice), prepareArticle);
        if (!storePrepared()) {
            // The database refused: the parser stops at its next slice, the pool finishes this one.
            parsedSlices.abandon();
            next.waitForFinished();
            stored = false;
            break;
        }
        preparing = next;
    }
    stored = stored && storePrepared();
    parser.join();
    if (!parsed)
        return fail(parsed.error());
    if (!stored)
        return out;
    if (!tx) {
        // A feed without items: the transaction holds the feed's own fields.
        tx.emplace(db.connection());
        if (auto began = tx->begin(); !began) {
            out.storeError = began.error();
            return out;
        }
    }
    FetchedFeed fields;
    fields.title = parsed->title.simplified();
    fields.siteUrl = parsed->siteUrl.toString(QUrl::FullyEncoded);
    fields.iconUrl = parsed->iconUrl.toString(QUrl::FullyEncoded);
    // A feed that names no icon: its site's favicon, where nearly every blog keeps one — asked only of the server
    // (host and port) the feed came from, which Folio contacts anyway.
    const QUrl site = parsed->siteUrl;
    if (fields.iconUrl.isEmpty() &&
        (site.scheme() == QLatin1String("http") || site.scheme() == QLatin1String("https")) &&
        site.host().compare(url.host(), Qt::CaseInsensitive) == 0 &&
        site.port(site.scheme() == QLatin1String("https") ? 443 : 80) ==
            url.port(url.scheme() == QLatin1String("https") ? 443 : 80))
        fields.iconUrl = site.resolved(QUrl(QStringLiteral("/favicon.ico"))).toString(QUrl::FullyEncoded);
    fields.state = stateFor(parsed->ttlMinutes);
    if (auto written = store.storeFeedFields(feed, fields); !written) {
        out.storeError = written.error();
        return out;
    }
    if (auto committed = tx->commit(); !committed) {
        out.storeError = committed.error();
        return out;
    }
    out.title = fields.title;
    out.warnings = parsed->warnings;
    return out;
}

} // namespace

int SyncSummary::newArticles() const
{
    int n = 0;
    for (const FeedSyncResult& r : feeds)
        n += r.inserted;
    return n;
}

int SyncSummary::errors() const
{
    int n = 0;
    for (const FeedSyncResult& r : feeds)
        n += r.error.isEmpty() ? 0 : 1;
    return n;
}

FeedSync::FeedSync(QString databasePath, SyncOptions options, QObject* parent)
    : QObject(parent)
    , m_databasePath(std::move(databasePath))
    , m_options(options)
    , m_fetcher(new HttpFetcher(this))
    , m_writerThread(new QThread(this))
    , m_writer(new QObject)
    , m_db(std::make_shared<std::unique_ptr<Database>>())
    , m_indexer(std::make_shared<searchindex::PendingIndexer>(kIndexBatch))
{
    m_writerThread->setObjectName(QStringLiteral("folio-sync-writer"));
    m_writer->moveToThread(m_writerThread);
    m_writerThread->start();
    m_checkpointer.setMaxThreadCount(1);
}

FeedSync::~FeedSync()
{
    // Waits for the task in progress; the connection is closed on the thread that opened it.
    QMetaObject::invokeMethod(
        m_writer, [db = m_db] { db->reset(); }, Qt::BlockingQueuedConnection);
    m_writerThread->quit();
    m_writerThread->wait();
    delete m_writer;
    m_checkpointer.waitForDone();
}

void FeedSync::onWriter(std::function<void(Database*)> task)
{
    QMetaObject::invokeMethod(
        m_writer,
        [db = m_db, path = m_databasePath, task = std::move(task)] {
            if (!*db) {
                auto opened = Database::open(path);
                if (opened) {
                    *db = std::move(opened.value());
                    // A sync writes in bulk: the log is copied into the library once it is over (end()).
                    if (auto deferred = (*db)->deferCheckpoints(); !deferred)
                        qWarning("sync: %s", qPrintable(deferred.error()));
                } else
                    qWarning("sync: %s", qPrintable(opened.error()));
            }
            task(db->get());
        },
        Qt::QueuedConnection);
}

void FeedSync::onOwner(std::function<void()> task)
{
    QMetaObject::invokeMethod(this, std::move(task), Qt::QueuedConnection);
}

void FeedSync::begin()
{
    if (m_outstanding++ == 0) {
        m_summary = {};
        m_done = 0;
        m_total = 0;
        m_articleImageBytes.clear();
        m_indexLooked = false;
        m_indexed = 0;
    }
}

void FeedSync::end()
{
    if (--m_outstanding == 0) {
#ifdef __GLIBC__
        // A big feed leaves the threads' malloc arenas holding its freed text and trees; give them back, or every
        // sync of a long-running window would keep the last one's high-water mark.
        malloc_trim(0);
#endif
        // The log of a big sync is copied into the library on a thread and connection of its own: a checkpoint
        // needs no write lock, and the writer stays free for the next sync (a 10,000-item feed's log takes ~0.7 s).
        if (m_checkpointer.activeThreadCount() == 0) {
            m_checkpointer.start([path = m_databasePath] {
                auto db = Database::open(path);
                const Status copied = db ? db.value()->checkpoint() : Status(fail(db.error()));
                if (!copied)
                    qWarning("sync: cannot checkpoint the library: %s", qPrintable(copied.error()));
            });
        }
        const SyncSummary summary = m_summary;
        Q_EMIT finished(summary);
    }
}

// Indexes what is pending, one batch per writer task, each its own transaction, so feeds stored meanwhile are not
// held up behind the whole backlog. One run at a time: a run goes on until a batch finds nothing pending, and a
// feed stored before that batch ran is in it (the writer runs tasks in order, and its replies arrive in order).
void FeedSync::indexPending()
{
    m_indexLooked = true;
    if (m_indexing)
        return;
    m_indexing = true;
    begin();
    indexBatch();
}

void FeedSync::indexBatch()
{
    onWriter([this, indexer = m_indexer](Database* db) {
        Result<int> indexed =
            db ? indexer->step(db->connection()) : Result<int>(fail(QStringLiteral("library not open")));
        onOwner([this, indexed] {
            if (indexed.ok() && indexed.value() > 0) {
                m_indexed += indexed.value();
                Q_EMIT this->indexed(m_indexed);
                return indexBatch();
            }
            // Left pending, an article is indexed by the next sync or import; reading it is not affected.
            if (!indexed.ok())
                qWarning("sync: cannot index for search: %s", qPrintable(indexed.error()));
            m_indexing = false;
            end();
        });
    });
}

void FeedSync::syncAll()
{
    begin();
    onWriter([this](Database* db) {
        QList<FeedId> ids;
        if (db) {
            if (auto feeds = FeedStore(*db).feeds()) {
                for (const Feed& f : feeds.value()) {
                    if (f.kind == FeedKind::Web)
                        ids.append(f.id);
                }
            }
        }
        onOwner([this, ids] {
            syncFeeds(ids);
            end();
        });
    });
}

void FeedSync::syncDue()
{
    begin();
    onWriter([this](Database* db) {
        QList<FeedId> ids;
        if (db) {
            if (auto due = FeedStore(*db).dueFeeds(QDateTime::currentDateTimeUtc()))
                ids = due.value();
        }
        onOwner([this, ids] {
            syncFeeds(ids);
            end();
        });
    });
}

void FeedSync::syncFeeds(const QList<FeedId>& feeds)
{
    QList<FeedId> fresh;
    for (FeedId id : feeds) {
        if (!m_syncing.contains(id)) {
            m_syncing.insert(id);
            fresh.append(id);
        }
    }
    if (fresh.isEmpty())
        return;
    for (int i = 0; i < fresh.size(); ++i)
        begin();
    m_total += int(fresh.size());
    for (FeedId id : fresh) {
        onWriter([this, id](Database* db) {
            Result<Feed> feed = db ? FeedStore(*db).feed(id) : Result<Feed>(fail(QStringLiteral("library not open")));
            onOwner([this, id, feed] {
                if (feed.ok()) {
                    fetchFeed(feed.value());
                } else {
                    FeedSyncResult result;
                    result.feed = id;
                    result.error = feed.error();
                    feedDone(result);
                }
            });
        });
    }
}

void FeedSync::fetchFeed(const Feed& feed)
{
    HttpRequest request;
    request.url = QUrl(feed.url);
    request.etag = feed.fetch.etag;
    request.lastModified = feed.fetch.lastModified;
    request.accept = kFeedAccept;
    request.maxBytes = m_options.maxFeedBytes;
    request.timeoutMs = m_options.timeoutMs;
    request.deadlineMs = m_options.deadlineMs;
    request.spoolAbove = kSpoolFeedsAbove;
    m_fetcher->get(request, [this, feed](const HttpResponse& response) { storeResponse(feed, response); });
}

void FeedSync::storeResponse(const Feed& feed, const HttpResponse& response)
{
    const SchedulePolicy policy = m_options.schedule;
    onWriter([this, feed, response = HttpResponse(response), policy](Database* db) mutable {
        FeedSyncResult result;
        result.feed = feed.id;
        result.url = feed.url;
        result.title = feed.title;
        const auto done = [&] { onOwner([this, result] { feedDone(result); }); };
        if (!db) {
            result.error = QStringLiteral("library not open");
            return done();
        }
        FeedStore feeds(*db);
        const auto recordError = [&](const QString& message) {
            result.error = message;
            const QDateTime next = nextFetchAfterError(QDateTime::currentDateTimeUtc(), feed.fetch.errorCount + 1,
                                                       response.retryAfter, policy);
            if (auto recorded = feeds.recordError(feed.id, message, next); !recorded)
                result.error += QStringLiteral(" (and it could not be recorded: %1)").arg(recorded.error());
        };

        if (!response.ok()) {
            recordError(response.error);
            return done();
        }
        if (response.movedTo) {
            const QString moved = response.movedTo->toString(QUrl::FullyEncoded);
            if (auto movedOk = feeds.moveTo(feed.id, moved); movedOk)
                result.url = moved;
            else
                result.warnings.append(movedOk.error());
        }
        // Hashed as it arrived (a spooled body is not read again for it).
        const QByteArray hash = response.notModified ? QByteArray() : bodyHash(response);
        if (response.notModified || hash == feed.fetch.lastHash) {
            result.notModified = true;
            const auto stored =
                feeds.recordUnchanged(feed.id, stateAfterSuccess(feed, response, hash, feed.fetch.ttlMinutes, policy));
            if (!stored)
                result.error = stored.error();
            return done();
        }

        QBuffer inMemory;
        QFile spooled;
        QIODevice* body = openBody(response, inMemory, spooled);
        if (!body) {
            recordError(QStringLiteral("could not read the download back: %1").arg(spooled.errorString()));
            return done();
        }
        const auto stored =
            parseAndStore(*db, feed.id, *body, response.finalUrl, response.charset,
                          [&](int ttlMinutes) { return stateAfterSuccess(feed, response, hash, ttlMinutes, policy); });
        if (!stored) {
            recordError(stored.error());
            return done();
        }
        if (!stored->storeError.isEmpty()) {
            recordError(QStringLiteral("could not store: %1").arg(stored->storeError));
            return done();
        }
        result.warnings += stored->warnings;
        if (!feed.renamed && !stored->title.isEmpty())
            result.title = stored->title;
        result.inserted = stored->counts.inserted;
        result.updated = stored->counts.updated;
        result.unchanged = stored->counts.unchanged;
        done();
    });
}

void FeedSync::feedDone(const FeedSyncResult& result)
{
    m_syncing.remove(result.feed);
    m_summary.feeds.append(result);
    ++m_done;
    Q_EMIT feedSynced(result);
    Q_EMIT progress(m_done, m_total);
    if (result.error.isEmpty() && m_options.cacheImages)
        cacheImages(result.feed);
    // A feed that stored nothing leaves nothing to index, but the first feed of a sync looks anyway, for what an
    // interrupted sync or import left.
    if (result.inserted + result.updated > 0 || !m_indexLooked)
        indexPending();
    end();
}

void FeedSync::cacheImages(FeedId feed)
{
    begin();
    const int limit = m_options.imagesPerFeedAndSync;
    onWriter([this, feed, limit](Database* db) {
        QList<PendingAsset> pending;
        QHash<qint64, qint64> cached; // what earlier syncs kept of each article's images counts against its cap
        if (db) {
            SyncStore store(*db);
            if (auto found = store.pendingAssets(limit, feed))
                pending = found.value();
            for (const PendingAsset& asset : std::as_const(pending)) {
                if (asset.article == 0 || cached.contains(asset.article))
                    continue;
                const auto bytes = store.cachedBytes(asset.article);
                cached.insert(asset.article, bytes.ok() ? bytes.value() : 0);
            }
        }
        onOwner([this, pending, cached] {
            for (auto it = cached.constBegin(); it != cached.constEnd(); ++it) {
                if (!m_articleImageBytes.contains(it.key()))
                    m_articleImageBytes.insert(it.key(), it.value());
            }
            for (const PendingAsset& asset : pending)
                fetchImage(asset.article, asset.url);
            end();
        });
    });
}

void FeedSync::fetchImage(qint64 article, const QString& url)
{
    begin();
    HttpRequest request;
    request.url = QUrl(url);
    request.accept = "image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5";
    request.maxBytes = m_options.maxImageBytes;
    request.timeoutMs = m_options.timeoutMs;
    request.deadlineMs = m_options.deadlineMs;
    m_fetcher->get(request, [this, article, url](const HttpResponse& response) {
        QString failure;
        bool permanent = false;
        if (!response.ok()) {
            failure = response.error;
            permanent =
                response.status == 404 || response.status == 410 || response.error.contains(QLatin1String("larger"));
        } else if (!isImage(response.contentType, response.body)) {
            failure = QStringLiteral("not an image (%1)").arg(QString::fromLatin1(response.contentType));
            permanent = true;
        } else if (article != 0 &&
                   m_articleImageBytes.value(article) + response.body.size() > m_options.maxArticleImageBytes) {
            failure = QStringLiteral("the article's images exceed %1 MB").arg(m_options.maxArticleImageBytes >> 20);
            permanent = true;
        }
        if (failure.isEmpty() && article != 0)
            m_articleImageBytes[article] += response.body.size();
        const QByteArray mime = failure.isEmpty() ? imageMime(response.contentType, response.body) : QByteArray();
        const QByteArray body = failure.isEmpty() ? response.body : QByteArray();
        onWriter([this, article, url, failure, permanent, mime, body](Database* db) {
            bool stored = false;
            if (db) {
                if (failure.isEmpty())
                    stored = SyncStore(*db).storeAsset(url, mime, body).ok();
                else
                    (void)SyncStore(*db).recordAssetFailure(url, failure, permanent);
            }
            onOwner([this, article, stored] {
                if (stored) {
                    ++m_summary.imagesCached;
                    Q_EMIT imageCached(article);
                } else if (article != 0) {
                    // A feed without an icon is no failure: its stand-in shows, and the favicon was only a guess.
                    ++m_summary.imagesFailed;
                }
                end();
            });
        });
    });
}

void FeedSync::addFeed(const QUrl& url)
{
    begin();
    HttpRequest request;
    request.url = url;
    request.accept = kFeedAccept;
    request.maxBytes = m_options.maxFeedBytes;
    request.timeoutMs = m_options.timeoutMs;
    request.deadlineMs = m_options.deadlineMs;
    request.spoolAbove = kSpoolFeedsAbove;
    m_fetcher->get(request, [this, url](const HttpResponse& response) {
        if (!response.ok()) {
            Q_EMIT addFailed(url.toString(), response.error);
            return end();
        }
        if (looksLikeFeed(bodyBytes(response, kSniffBytes)))
            return acceptNewFeed(url, response, url);
        QList<QUrl> candidates = discoverFeedLinks(bodyBytes(response), response.finalUrl);
        for (const QUrl& common : commonFeedLocations(response.finalUrl)) {
            if (!candidates.contains(common))
                candidates.append(common);
        }
        tryCandidates(candidates, url);
    });
}

void FeedSync::tryCandidates(QList<QUrl> candidates, const QUrl& original)
{
    if (candidates.isEmpty()) {
        Q_EMIT addFailed(original.toString(), QStringLiteral("no feed found at %1").arg(original.toDisplayString()));
        return end();
    }
    const QUrl next = candidates.takeFirst();
    HttpRequest request;
    request.url = next;
    request.accept = kFeedAccept;
    request.maxBytes = m_options.maxFeedBytes;
    request.timeoutMs = m_options.timeoutMs;
    request.deadlineMs = m_options.deadlineMs;
    request.spoolAbove = kSpoolFeedsAbove;
    m_fetcher->get(request, [this, next, candidates, original](const HttpResponse& response) {
        if (response.ok() && looksLikeFeed(bodyBytes(response, kSniffBytes)))
            return acceptNewFeed(next, response, original);
        tryCandidates(candidates, original);
    });
}

void FeedSync::acceptNewFeed(const QUrl& requested, const HttpResponse& response, const QUrl& original)
{
    const QString feedUrl = response.movedTo.value_or(requested).toString(QUrl::FullyEncoded);
    const SchedulePolicy policy = m_options.schedule;
    onWriter([this, feedUrl, response, original, policy](Database* db) {
        QString error;
        FeedId id = 0;
        QString title;
        if (!db) {
            error = QStringLiteral("library not open");
        } else if (auto existing = FeedStore(*db).feedByUrl(feedUrl); existing && existing->has_value()) {
            id = existing->value().id;
            title = existing->value().title;
        } else {
            // The feed is created in the transaction its articles are stored in: a body that is not a feed, or a
            // failed store, leaves nothing half-added.
            const QByteArray hash = bodyHash(response);
            Transaction tx(db->connection());
            auto began = tx.begin();
            QBuffer inMemory;
            QFile spooled;
            QIODevice* body = openBody(response, inMemory, spooled);
            auto created = !began ? fail(began.error())
                           : !body
                               ? fail(QStringLiteral("could not read the download back: %1").arg(spooled.errorString()))
                               : FeedStore(*db).ensure(FeedKind::Web, feedUrl, feedUrl);
            auto stored = created
                              ? parseAndStore(*db, created.value(), *body, response.finalUrl, response.charset,
                                              [&](int ttlMinutes) {
                                                  return stateAfterSuccess(Feed(), response, hash, ttlMinutes, policy);
                                              })
                              : Result<StoredBody>(fail(created.error()));
            if (!stored) {
                error = stored.error();
            } else if (!stored->storeError.isEmpty()) {
                error = stored->storeError;
            } else if (auto committed = tx.commit(); !committed) {
                error = committed.error();
            } else {
                id = created.value();
                title = stored->title;
            }
        }
        onOwner([this, id, title, error, original] {
            if (id == 0) {
                Q_EMIT addFailed(original.toString(), error);
            } else {
                Q_EMIT feedAdded(id, title);
                if (m_options.cacheImages)
                    cacheImages(id);
                indexPending();
            }
            end();
        });
    });
}

void FeedSync::importFeedFile(const QByteArray& bytes, const QUrl& url)
{
    begin();
    HttpResponse response;
    response.finalUrl = url;
    response.body = bytes;
    acceptNewFeed(url, response, url);
}

} // namespace folio
