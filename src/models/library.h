#pragma once

#include "domain/article.h"
#include "domain/result.h"
#include "domain/search.h"
#include "storage/articlestore.h"
#include "storage/feedstore.h"
#include "storage/syncstore.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <optional>

namespace folio {

class Database;

// The GUI's door to the library: the reads its models make and the few writes a reader makes (read, star,
// subscriptions). Announces every change, after it is stored, so each model updates what it shows; changes
// made elsewhere (a sync's writer thread) are announced through notifyChanged().
class Library : public QObject {
    Q_OBJECT
public:
    explicit Library(Database& db, QObject* parent = nullptr);
    // Writes the read and starred marks still waiting for the library (see setRead()), waiting for it if need be.
    ~Library() override;

    const ArticleStore& articles() const { return m_articles; }
    const FeedStore& feeds() const { return m_feeds; }

    // As stored, with the marks not yet written (below) applied.
    Result<Article> article(ArticleId id) const;
    // Marking never makes the reader wait: while another writer holds the library (a sync storing a big feed, for
    // seconds), the mark is announced at once and written as soon as the library is free (retried every
    // kRetryMs, and before changed() is announced).
    Status setRead(ArticleId id, bool read);
    Status setStarred(ArticleId id, bool starred);
    // Marks waiting to be written.
    int pendingMarks() const { return int(m_pending.size()); }
    static constexpr int kRetryMs = 250;
    // Marks every unread article of `filter` read; how many it marked. The last one can be undone.
    Result<qint64> markAllRead(const ListingFilter& filter);
    bool canUndoMarkAllRead() const { return !m_lastMarkedRead.isEmpty(); }
    // Marks the articles the last markAllRead() marked unread again; how many.
    Result<qint64> undoMarkAllRead();

    // A web feed to fetch at the next sync (OPML import); an existing one is returned as it is.
    Result<FeedId> subscribe(const QString& url, const QString& title);
    Status renameFeed(FeedId id, const QString& title);
    Status removeFeed(FeedId id);
    // The cached bytes of an image the article page shows. Safe to call from any thread (the web engine may
    // ask from its own): other threads read through a connection of their own.
    std::optional<CachedAsset> cachedImage(const QString& url) const;

    // Page `page` (1-based) of the articles matching `query` (syntax: domain/search.h); fails for a page past the
    // end. Safe to call from any thread, like cachedImage(): a search may run off the GUI thread.
    Result<SearchPage> search(const QString& query, SearchSort sort, int page, int pageSize) const;
    // What to mark inside an article opened from the results of `query`.
    static QStringList highlightTerms(const QString& query);

    // The user's saved searches, oldest first (kept in the application's settings, not in the library file).
    QStringList savedSearches() const;
    void saveSearch(const QString& query);
    void removeSavedSearch(const QString& query);

    // Articles or feeds changed in the library file behind this object's back.
    void notifyChanged();

Q_SIGNALS:
    void stateChanged(ArticleId id, bool read, bool starred);
    // Feeds or articles came, went or changed: lists should load again.
    void changed();
    void savedSearchesChanged();

private:
    // The connection of the calling thread: the library's own on its thread, else one opened for that thread.
    Database* connection() const;

    // Writes what it can of m_pending, announcing each mark it wrote; retries the rest later.
    void writePending();

    struct PendingMarks {
        std::optional<bool> read;
        std::optional<bool> starred;
    };
    // setRead() and setStarred(): `shown` is the mark's field in Article, `waiting` in PendingMarks.
    Status setMark(ArticleId id, bool on, bool Article::*shown, std::optional<bool> PendingMarks::*waiting,
                   Result<bool> (ArticleStore::*write)(ArticleId, bool));

    Database& m_db;
    ArticleStore m_articles;
    FeedStore m_feeds;
    QHash<ArticleId, PendingMarks> m_pending;
    QTimer m_retry;
    QList<ArticleId> m_lastMarkedRead; // what undoMarkAllRead() gives back
};

} // namespace folio
