#pragma once

#include "domain/listing.h"
#include "domain/result.h"
#include "models/pagedarticlemodel.h"

namespace folio {

class Library;

// One page of a "latest updates" listing. Holds only the rows on screen; a page is one keyset query from
// the page starts computed when the filter changes. Never queries from rowCount() or data().
class ListingModel : public PagedArticleModel {
    Q_OBJECT
public:
    explicit ListingModel(Library& library, QObject* parent = nullptr);

    // Shows page 1 of `filter` in pages of `pageSize`.
    Status setFilter(const ListingFilter& filter, int pageSize);
    // Shows page `page` (1-based) of the current filter.
    Status showPage(int page) override;
    // Recomputes the pages of the current filter (after new articles arrived) and shows `page`, or the
    // last page when there are fewer now.
    Status reload(int page);

    ArticleId articleIdAt(int row) const override;
    int rowOf(ArticleId id) const override;

    const ListingFilter& filter() const { return m_filter; }
    int page() const override { return m_page; }
    int pageCount() const override { return m_index.pageCount(); }
    int pageSize() const { return m_index.pageSize; }
    qint64 total() const override { return m_index.total; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    void updateState(ArticleId id, bool read, bool starred);

    Library& m_library;
    ListingFilter m_filter;
    ListingIndex m_index;
    int m_page = 1;
    QList<ArticleSummary> m_rows;
};

} // namespace folio
