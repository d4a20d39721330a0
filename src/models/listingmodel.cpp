#include "models/listingmodel.h"

#include "storage/articlestore.h"

namespace folio {

ListingModel::ListingModel(ArticleStore& store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
}

Status ListingModel::setFilter(const ListingFilter& filter, int pageSize)
{
    auto index = m_store.listingIndex(filter, pageSize);
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
        auto loaded = m_store.listingRows(m_filter, m_index.pageStarts.at(page - 1), m_index.pageSize);
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

QHash<int, QByteArray> ListingModel::roleNames() const
{
    return {
        {Qt::DisplayRole, "display"}, {IdRole, "id"},     {TitleRole, "title"},
        {PublishedRole, "published"}, {TagsRole, "tags"}, {ExcerptRole, "excerpt"},
        {FeedTitleRole, "feedTitle"}, {ReadRole, "read"}, {StarredRole, "starred"},
    };
}

} // namespace folio
