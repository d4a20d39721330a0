#pragma once

#include "domain/listing.h"

#include <QString>
#include <QVariantList>

namespace folio {

// The SQL of a listing, chosen so that each filter walks an index in (published DESC, id DESC) order:
// a tag walks article_tags, Unread and Starred walk article_state, a feed or All walk articles. The article
// row (`a`) is joined only where a filter or the caller needs it. Only constant SQL text is joined here;
// every value is bound.
struct ListingQuery {
    QString from;            // FROM … JOIN … (without the word FROM)
    QString where;           // conditions joined with AND, never empty
    QVariantList values;     // bound, in order, for `where`
    QString published;       // the driving table's published column
    QString id;              // the driving table's article id column
    bool hasArticle = false; // `from` already joins articles as `a`

    static ListingQuery forFilter(const ListingFilter& filter);

    // `from` with the article joined as `a`, for queries that read article columns.
    QString fromWithArticle() const;
    QString orderBy() const;
    QString keyset(bool inclusive) const; // rows from a cursor on, in listing order
};

} // namespace folio
