#include "models/library.h"

namespace folio {

Library::Library(Database& db, QObject* parent)
    : QObject(parent)
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

} // namespace folio
