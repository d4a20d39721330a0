#include "models/searchmodel.h"

#include "models/library.h"

#include <QtConcurrent>

namespace folio {

namespace {

// The snippet as plain text: the markers dropped.
QString withoutMarkers(QString text)
{
    text.remove(kHighlightStart);
    text.remove(kHighlightEnd);
    return text;
}

} // namespace

SearchModel::SearchModel(Library& library, QObject* parent)
    : PagedArticleModel(parent)
    , m_library(library)
{
    connect(&m_watcher, &QFutureWatcher<Result<SearchPage>>::finished, this, &SearchModel::finished);
    connect(&m_library, &Library::stateChanged, this, &SearchModel::updateState);
}

SearchModel::~SearchModel()
{
    // The worker reads through the library: let it finish before either goes.
    m_watcher.waitForFinished();
}

void SearchModel::setQuery(const QString& query, SearchSort sort, int pageSize)
{
    m_query = query;
    m_sort = sort;
    m_pageSize = qMax(1, pageSize);
    request({query, sort, 1, m_pageSize});
}

Status SearchModel::showPage(int page)
{
    if (page < 1 || (page > qMax(1, m_result.pageCount)))
        return fail(tr("Page %1 does not exist.").arg(page));
    request({m_query, m_sort, page, m_pageSize});
    return {};
}

void SearchModel::reload()
{
    request({m_query, m_sort, qMax(1, m_result.page), m_pageSize});
}

void SearchModel::request(const Request& r)
{
    ++m_generation;
    if (r.query.trimmed().isEmpty()) {
        // Nothing to look for: no rows, at once; whatever is running or waiting is outdated.
        m_waiting.reset();
        beginResetModel();
        m_result = SearchPage{};
        m_result.pageSize = r.pageSize;
        endResetModel();
        Q_EMIT pageChanged(m_result.page, m_result.pageCount);
        return;
    }
    if (m_running) {
        m_waiting = r;
        return;
    }
    start(r);
}

void SearchModel::start(const Request& r)
{
    m_running = true;
    m_runningGeneration = m_generation;
    m_watcher.setFuture(QtConcurrent::run([library = &m_library, r] {
        auto found = library->search(r.query, r.sort, r.page, r.pageSize);
        // A page past the end (the results shrank since): the last page instead.
        if (!found && r.page > 1) {
            auto first = library->search(r.query, r.sort, 1, r.pageSize);
            if (first && first->pageCount > 1)
                return library->search(r.query, r.sort, first->pageCount, r.pageSize);
            return first;
        }
        return found;
    }));
}

void SearchModel::finished()
{
    m_running = false;
    if (m_waiting) {
        // A newer request came meanwhile: this answer is outdated.
        const Request next = *m_waiting;
        m_waiting.reset();
        start(next);
        return;
    }
    if (m_runningGeneration != m_generation)
        return; // the query was cleared meanwhile
    Result<SearchPage> found = m_watcher.result();
    if (!found) {
        Q_EMIT failed(found.error());
        return;
    }
    beginResetModel();
    m_result = std::move(found.value());
    endResetModel();
    Q_EMIT pageChanged(m_result.page, m_result.pageCount);
}

void SearchModel::updateState(ArticleId id, bool read, bool starred)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_result.results[row].read = read;
    m_result.results[row].starred = starred;
    Q_EMIT dataChanged(index(row), index(row), {ReadRole, StarredRole});
}

ArticleId SearchModel::articleIdAt(int row) const
{
    return row >= 0 && row < m_result.results.size() ? m_result.results.at(row).id : 0;
}

int SearchModel::rowOf(ArticleId id) const
{
    for (int row = 0; row < m_result.results.size(); ++row) {
        if (m_result.results.at(row).id == id)
            return row;
    }
    return -1;
}

int SearchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_result.results.size());
}

QVariant SearchModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SearchHit& hit = m_result.results.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return hit.title;
    case Qt::ToolTipRole:
    case ExcerptRole:
        return withoutMarkers(hit.snippet);
    case SnippetRole:
        return hit.snippet;
    case IdRole:
        return hit.id;
    case PublishedRole:
        return hit.published;
    case TagsRole:
        return hit.tags;
    case FeedTitleRole:
        return hit.feedTitle;
    case ReadRole:
        return hit.read;
    case StarredRole:
        return hit.starred;
    default:
        return {};
    }
}

} // namespace folio
