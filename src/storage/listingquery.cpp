#include "storage/listingquery.h"

#include "domain/article.h"

#include <QStringList>

namespace folio {

ListingQuery ListingQuery::forFilter(const ListingFilter& filter)
{
    ListingQuery q;
    QStringList where;
    if (filter.tag) {
        q.from = QStringLiteral("article_tags d");
        q.id = QStringLiteral("d.article_id");
        where << QStringLiteral("d.tag_id = (SELECT id FROM tags WHERE fold = ?)");
        q.values << tagKey(*filter.tag);
        if (filter.unreadOnly || filter.starredOnly)
            q.from += QStringLiteral(" JOIN article_state s ON s.article_id = d.article_id");
        if (filter.unreadOnly)
            where << QStringLiteral("s.read = 0");
        if (filter.starredOnly)
            where << QStringLiteral("s.starred = 1");
    } else if (filter.unreadOnly || filter.starredOnly) {
        q.from = QStringLiteral("article_state d");
        q.id = QStringLiteral("d.article_id");
        if (filter.unreadOnly)
            where << QStringLiteral("d.read = 0");
        if (filter.starredOnly)
            where << QStringLiteral("d.starred = 1");
    } else {
        q.from = QStringLiteral("articles a");
        q.id = QStringLiteral("a.id");
        q.hasArticle = true;
    }
    q.published = q.hasArticle ? QStringLiteral("a.published") : QStringLiteral("d.published");
    if (filter.feed) {
        if (!q.hasArticle)
            q.from += QStringLiteral(" JOIN articles a ON a.id = ") + q.id;
        q.hasArticle = true;
        where << QStringLiteral("a.feed_id = ?");
        q.values << *filter.feed;
    }
    if (where.isEmpty())
        where << QStringLiteral("1");
    q.where = where.join(QLatin1String(" AND "));
    return q;
}

QString ListingQuery::fromWithArticle() const
{
    return hasArticle ? from : from + QStringLiteral(" JOIN articles a ON a.id = ") + id;
}

QString ListingQuery::orderBy() const
{
    return published + QStringLiteral(" DESC, ") + id + QStringLiteral(" DESC");
}

QString ListingQuery::keyset(bool inclusive) const
{
    return QStringLiteral("(") + published + QStringLiteral(", ") + id +
           (inclusive ? QStringLiteral(") <= (?, ?)") : QStringLiteral(") < (?, ?)"));
}

} // namespace folio
