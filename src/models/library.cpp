#include "models/library.h"

#include "storage/database.h"
#include "storage/searchstore.h"

#include <QSettings>
#include <QThread>

#include <memory>

namespace folio {

Library::Library(Database& db, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_articles(db)
    , m_feeds(db)
{
}

Status Library::setRead(ArticleId id, bool read)
{
    auto current = m_articles.article(id);
    if (!current)
        return fail(current.error());
    if (current->read == read)
        return {};
    if (auto written = m_articles.setRead(id, read); !written)
        return written;
    Q_EMIT stateChanged(id, read, current->starred);
    return {};
}

Status Library::setStarred(ArticleId id, bool starred)
{
    auto current = m_articles.article(id);
    if (!current)
        return fail(current.error());
    if (current->starred == starred)
        return {};
    if (auto written = m_articles.setStarred(id, starred); !written)
        return written;
    Q_EMIT stateChanged(id, current->read, starred);
    return {};
}

Result<qint64> Library::markAllRead(const ListingFilter& filter)
{
    auto marked = m_articles.markAllRead(filter);
    if (!marked)
        return fail(marked.error());
    if (marked->isEmpty())
        return 0;
    m_lastMarkedRead = std::move(marked.value());
    Q_EMIT changed();
    return qint64(m_lastMarkedRead.size());
}

Result<qint64> Library::undoMarkAllRead()
{
    if (m_lastMarkedRead.isEmpty())
        return 0;
    if (auto written = m_articles.markUnread(m_lastMarkedRead); !written)
        return fail(written.error());
    const qint64 count = m_lastMarkedRead.size();
    m_lastMarkedRead.clear();
    Q_EMIT changed();
    return count;
}

Result<FeedId> Library::subscribe(const QString& url, const QString& title)
{
    if (auto existing = m_feeds.feedByUrl(url); existing && existing->has_value())
        return existing->value().id;
    auto id = m_feeds.ensure(FeedKind::Web, url, title);
    if (id)
        Q_EMIT changed();
    return id;
}

Status Library::renameFeed(FeedId id, const QString& title)
{
    auto renamed = m_feeds.rename(id, title);
    if (renamed)
        Q_EMIT changed();
    return renamed;
}

Status Library::removeFeed(FeedId id)
{
    auto removed = m_feeds.remove(id);
    if (removed)
        Q_EMIT changed();
    return removed;
}

namespace {

const QString kSavedSearchesKey = QStringLiteral("search/saved");

} // namespace

Database* Library::connection() const
{
    if (QThread::currentThread() == thread())
        return &m_db;
    // A connection belongs to the thread that opened it.
    thread_local std::unique_ptr<Database> own;
    if (!own || own->path() != m_db.path()) {
        auto opened = Database::open(m_db.path());
        if (!opened)
            return nullptr;
        own = std::move(opened.value());
    }
    return own.get();
}

std::optional<CachedAsset> Library::cachedImage(const QString& url) const
{
    Database* db = connection();
    if (!db)
        return std::nullopt;
    auto found = SyncStore(*db).asset(url);
    return found ? found.value() : std::nullopt;
}

Result<SearchPage> Library::search(const QString& query, SearchSort sort, int page, int pageSize) const
{
    Database* db = connection();
    if (!db)
        return fail(tr("The library cannot be opened for searching."));
    return SearchStore(*db).search(query, sort, page, pageSize);
}

QStringList Library::highlightTerms(const QString& query)
{
    return SearchStore::highlightTerms(query);
}

QStringList Library::savedSearches() const
{
    return QSettings().value(kSavedSearchesKey).toStringList();
}

void Library::saveSearch(const QString& query)
{
    const QString text = query.trimmed();
    QStringList saved = savedSearches();
    if (text.isEmpty() || saved.contains(text))
        return;
    saved << text;
    QSettings().setValue(kSavedSearchesKey, saved);
    Q_EMIT savedSearchesChanged();
}

void Library::removeSavedSearch(const QString& query)
{
    QStringList saved = savedSearches();
    if (saved.removeAll(query.trimmed()) == 0)
        return;
    QSettings().setValue(kSavedSearchesKey, saved);
    Q_EMIT savedSearchesChanged();
}

} // namespace folio
