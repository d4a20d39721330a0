#include "models/pagedarticlemodel.h"

namespace folio {

QHash<int, QByteArray> PagedArticleModel::roleNames() const
{
    return {
        {Qt::DisplayRole, "display"}, {IdRole, "id"},     {TitleRole, "title"},
        {PublishedRole, "published"}, {TagsRole, "tags"}, {ExcerptRole, "excerpt"},
        {FeedTitleRole, "feedTitle"}, {ReadRole, "read"}, {StarredRole, "starred"},
        {SnippetRole, "snippet"},
    };
}

} // namespace folio
