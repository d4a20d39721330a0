#pragma once

#include "domain/article.h"
#include "domain/result.h"

#include <QList>
#include <QString>

namespace folio {

class Database;

struct ImportIssue {
    QString source; // the file, as the user named it
    QString message;
};

struct ImportReport {
    int imported = 0;
    int updated = 0;
    int unchanged = 0;
    int skipped = 0;             // drafts
    int indexed = 0;             // articles made searchable (any left waiting by an earlier import included)
    QList<ImportIssue> errors;   // files not imported, with the reason
    QList<ImportIssue> warnings; // files imported, with something the user should know
};

// Imports Markdown posts (Hugo, Hexo, Jekyll layout) into the library. A folder becomes a feed of its own;
// each post's path inside it is the post's id, so re-importing updates posts in place.
class MarkdownImporter {
public:
    // BeforeReturning: importPath/importFolder return once what they stored is searchable too (the search
    // index is written after all posts are stored, kIndexBatch at a time). Later: they return as soon as the
    // posts are stored (readable), and leave them to searchindex::indexPending.
    enum class Indexing { BeforeReturning, Later };

    explicit MarkdownImporter(Database& db, Indexing indexing = Indexing::BeforeReturning)
        : m_db(db)
        , m_indexing(indexing)
    {
    }

    // A folder (searched recursively for *.md and *.markdown) or one Markdown file. Bad files are reported
    // and skipped; the rest are stored in transactions of a batch each. Fails only when `path` itself
    // cannot be read or the library cannot be written.
    Result<ImportReport> importPath(const QString& path);

    // Imports the posts under `folder` into the feed `feedUrl` (created with `feedTitle`).
    Result<ImportReport> importFolder(const QString& folder, const QString& feedUrl, const QString& feedTitle);

    static constexpr qint64 kMaxPostBytes = 32 * 1024 * 1024;
    static constexpr int kBatchSize = 256;
    static constexpr int kIndexBatch = 1000;

private:
    Database& m_db;
    Indexing m_indexing;
};

} // namespace folio
