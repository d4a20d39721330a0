#pragma once

// A real library file in a fresh temporary folder, for tests of the storage layer and above.

#include "domain/article.h"
#include "storage/database.h"
#include "storage/feedstore.h"
#include "storage/searchindex.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

namespace folio::test {

class TestLibrary {
public:
    TestLibrary()
    {
        QVERIFY2(m_dir.isValid(), "no temporary folder");
        auto db = Database::open(path());
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error()));
        m_db = std::move(db.value());
    }

    QString path() const { return m_dir.filePath(QStringLiteral("library.db")); }
    QString dir() const { return m_dir.path(); }
    Database& db() { return *m_db; }
    void close() { m_db.reset(); }

    FeedId feed(const QString& url = QStringLiteral("https://example.org/feed.xml"),
                const QString& title = QStringLiteral("Example"))
    {
        auto id = FeedStore(*m_db).ensure(FeedKind::Web, url, title);
        if (!id.ok())
            qFatal("cannot create feed: %s", qPrintable(id.error()));
        return id.value();
    }

    // Indexes for search what upserts left pending (an import or a sync does this itself).
    void indexPending()
    {
        auto indexed = searchindex::indexAllPending(m_db->connection(), 1000);
        if (!indexed.ok())
            qFatal("cannot index: %s", qPrintable(indexed.error()));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

inline QDateTime at(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc());
}

inline Article article(const QString& guid, qint64 publishedMs, QStringList tags = {})
{
    Article a;
    a.guid = guid;
    a.title = QStringLiteral("Title of ") + guid;
    a.url = QStringLiteral("https://example.org/") + guid;
    a.published = at(publishedMs);
    a.summary = QStringLiteral("Excerpt of ") + guid;
    a.content = QStringLiteral("# ") + guid + QStringLiteral("\n\nBody with $x_i$.");
    a.contentFormat = ContentFormat::Markdown;
    a.tags = std::move(tags);
    return a;
}

} // namespace folio::test
