#include "models/listingmodel.h"

#include "models/library.h"

namespace folio {

ListingModel::ListingModel(Library& library, QObject* parent)
    : PagedArticleModel(parent)
    , m_library(library)
{
    connect(&m_library, &Library::stateChanged, this, &ListingModel::updateState);
}

void ListingModel::updateState(ArticleId id, bool read, bool starred)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_rows[row].read = read;
    m_rows[row].starred = starred;
    Q_EMIT dataChanged(index(row), index(row), {ReadRole, StarredRole});
}

ArticleId ListingModel::articleIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int ListingModel::rowOf(ArticleId id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

Status ListingModel::reload(int page)
{
    auto index = m_library.articles().listingIndex(m_filter, m_index.pageSize > 0 ? m_index.pageSize : 20);
    if (!index)
        return fail(index.error());
    m_index = std::move(index.value());
    return showPage(qBound(1, page, qMax(1, m_index.pageCount())));
}

Status ListingModel::setFilter(const ListingFilter& filter, int pageSize)
{
    auto index = m_library.articles().listingIndex(filter, pageSize);
    if (!index)
        return fail(index.error());
    m_filter = filter;
    m_index = std::move(index.value());
    m_page = 0;
    return showPage(1);
}

Status ListingModel::showPage(int page)
{
    QList<ArticleSummary> rows;
    if (m_index.pageCount() > 0) {
        if (page < 1 || page > m_index.pageCount())
            return fail(QStringLiteral("page %1 does not exist").arg(page));
        auto loaded = m_library.articles().listingRows(m_filter, m_index.pageStarts.at(page - 1), m_index.pageSize);
        if (!loaded)
            return fail(loaded.error());
        rows = std::move(loaded.value());
    } else {
        page = 1;
    }
    beginResetModel();
    m_rows = std::move(rows);
    m_page = page;
    endResetModel();
    Q_EMIT pageChanged(m_page, pageCount());
    return {};
}

int ListingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ListingModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ArticleSummary& a = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return a.title;
    case Qt::ToolTipRole:
        return a.excerpt;
    case IdRole:
        return a.id;
    case PublishedRole:
        return a.published;
    case TagsRole:
        return a.tags;
    case ExcerptRole:
        return a.excerpt;
    case FeedTitleRole:
        return a.feedTitle;
    case ReadRole:
        return a.read;
    case StarredRole:
        return a.starred;
    default:
        return {};
    }
}

} // namespace folio
