#pragma once

#include "domain/article.h"
#include "domain/result.h"
#include "storage/articlestore.h"
#include "storage/feedstore.h"

#include <QObject>

namespace folio {

class Database;

// The GUI's door to the library: the reads its models make and the few writes a reader makes (read, star).
// Announces every change, after it is stored, so each model updates what it shows.
class Library : public QObject {
    Q_OBJECT
public:
    explicit Library(Database& db, QObject* parent = nullptr);

    const ArticleStore& articles() const { return m_articles; }
    const FeedStore& feeds() const { return m_feeds; }

    Result<Article> article(ArticleId id) const { return m_articles.article(id); }
    Status setRead(ArticleId id, bool read);
    Status setStarred(ArticleId id, bool starred);

Q_SIGNALS:
    void stateChanged(ArticleId id, bool read, bool starred);

private:
    ArticleStore m_articles;
    FeedStore m_feeds;
};

} // namespace folio
