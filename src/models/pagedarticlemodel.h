#pragma once

#include "domain/article.h"
#include "domain/result.h"

#include <QAbstractListModel>

namespace folio {

// What the listing pane shows, one page at a time: a "latest updates" listing (ListingModel) or search results
// (SearchModel). The same roles, so one delegate paints both and the window pages and steps through either.
class PagedArticleModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        PublishedRole,
        TagsRole,
        ExcerptRole,
        FeedTitleRole,
        ReadRole,
        StarredRole,
        // Search results only: the body around the matches, matched text between kHighlightStart and
        // kHighlightEnd (domain/search.h).
        SnippetRole,
    };

    using QAbstractListModel::QAbstractListModel;

    // Shows page `page` (1-based). A model may answer later: pageChanged tells when the rows are there.
    virtual Status showPage(int page) = 0;
    virtual ArticleId articleIdAt(int row) const = 0;
    virtual int rowOf(ArticleId id) const = 0;
    virtual int page() const = 0;
    virtual int pageCount() const = 0;
    virtual qint64 total() const = 0;

    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void pageChanged(int page, int pageCount);
};

} // namespace folio
