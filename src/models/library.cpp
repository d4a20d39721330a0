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
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetryMs);
    connect(&m_retry, &QTimer::timeout, this, &Library::writePending);
}

Library::~Library()
{
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        const Status read = it->read ? m_articles.setRead(it.key(), *it->read) : Status{};
        const Status starred = it->starred ? m_articles.setStarred(it.key(), *it->starred) : Status{};
        for (const Status& written : {read, starred}) {
            if (!written)
                qWarning("a read or starred mark was not written: %s", qPrintable(written.error()));
        }
    }
}

Result<Article> Library::article(ArticleId id) const
{
    auto stored = m_articles.article(id);
    if (stored) {
        if (const auto it = m_pending.constFind(id); it != m_pending.cend()) {
            stored->read = it->read.value_or(stored->read);
            stored->starred = it->starred.value_or(stored->starred);
        }
    }
    return stored;
}

Status Library::setRead(ArticleId id, bool read)
{
    return setMark(id, read, &Article::read, &PendingMarks::read, &ArticleStore::trySetRead);
}

Status Library::setStarred(ArticleId id, bool starred)
{
    return setMark(id, starred, &Article::starred, &PendingMarks::starred, &ArticleStore::trySetStarred);
}

Status Library::setMark(ArticleId id, bool on, bool Article::*shown, std::optional<bool> PendingMarks::*waiting,
                        Result<bool> (ArticleStore::*write)(ArticleId, bool))
{
    auto current = article(id);
    if (!current)
        return fail(current.error());
    if (current.value().*shown == on)
        return {};
    auto written = (m_articles.*write)(id, on);
    if (!written)
        return fail(written.error());
    if (written.value()) {
        if (auto it = m_pending.find(id); it != m_pending.end()) {
            (*it).*waiting = std::nullopt; // superseded
            if (!it->read && !it->starred)
                m_pending.erase(it);
        }
    } else {
        m_pending[id].*waiting = on;
        m_retry.start();
    }
    current.value().*shown = on;
    Q_EMIT stateChanged(id, current->read, current->starred);
    return {};
}

void Library::writePending()
{
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const ArticleId id = it.key();
        bool wrote = false;
        for (auto [mark, write] :
             {std::pair{&it->read, &ArticleStore::trySetRead}, std::pair{&it->starred, &ArticleStore::trySetStarred}}) {
            if (!*mark)
                continue;
            const Result<bool> written = (m_articles.*write)(id, **mark);
            if (!written)
                qWarning("a read or starred mark could not be written: %s", qPrintable(written.error()));
            if (!written || written.value()) {
                mark->reset();
                wrote = true;
            }
        }
        if (wrote) {
            // Lists that loaded meanwhile show what was stored then.
            if (const auto now = m_articles.article(id))
                Q_EMIT stateChanged(id, it->read.value_or(now->read), it->starred.value_or(now->starred));
        }
        if (!it->read && !it->starred)
            it = m_pending.erase(it);
        else
            ++it;
    }
    if (!m_pending.isEmpty())
        m_retry.start();
}

void Library::notifyChanged()
{
    // The library was just written by someone else, who may have let go of it: lists that load again should find
    // the reader's own marks there.
    if (!m_pending.isEmpty())
        writePending();
    Q_EMIT changed();
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
