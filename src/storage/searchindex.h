#pragma once

#include "domain/article.h"
#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace folio {

// The full-text index behind search (schema step 3):
//   search_pending (article_id → articles.id ON DELETE CASCADE): articles stored or changed since they were last
//     indexed. ArticleStore::upsert only records them here (once, however often an article changes meanwhile):
//     FTS5 insertion costs ~100 µs an article and cannot run on two threads, more than twice the cost of storing
//     it. indexPending() below indexes them later, in batches (MarkdownImporter before it returns, FeedSync
//     after it has reported a feed stored).
//   search_text (article_id → articles.id ON DELETE CASCADE, title, tags, body): the plain text that is indexed,
//     one row per article, written by indexPending().
//   search_index: FTS5, external content = search_text, tokenize='porter folio_cjk' (storage/cjktokenizer.h),
//     detail=full. indexPending() adds a batch's entries in one statement (schema step 5: FTS5 writes a segment at
//     every statement savepoint, so a trigger per row made a segment per article); the delete and update triggers on
//     search_text keep it in step, so deleting an article (or its feed) unindexes it.
//   search_chars (schema step 4): FTS5 over the same text, each CJK character a token, detail=none; kept likewise.
//   search_meta (key, value): 'tokenizer' and 'text' versions the index was built with.
// The index needs the plain text anyway for snippets; keeping it beside the index (external content) rather than
// inside it (an ordinary FTS5 table) is the same size, and lets the index be rebuilt from it in one statement.
namespace searchindex {

// The version of plainText() extraction: bump it when the text of an article changes, and opening a library
// re-extracts every article's text.
constexpr int kTextVersion = 1;

// Registers the tokenizer on a connection that was just opened. Refuses, with a message saying why, when the Qt
// SQLite driver does not use the libsqlite3 Folio is linked with (a Qt build with SQLite compiled in): calling
// our sqlite3 functions on its handle would mix two SQLite copies.
Status attach(const QSqlDatabase& db);

// Schema step 3's data part: the text of every article, and the index built from it.
Status populate(const QSqlDatabase& db);

// Schema step 4's data part: the character index of the stored text, unless the index was built by another
// tokenizer version (ensureCurrent() then rebuilds both indexes).
Status populateCharacters(const QSqlDatabase& db);

// After migrations: rebuilds the index when it was built by another tokenizer version, and re-extracts the
// text when it was extracted by another text version. A no-op when both are current.
Status ensureCurrent(const QSqlDatabase& db);

// What is indexed of an article.
struct IndexedText {
    QString title;
    QString tags;
    QString body;
};
IndexedText indexedText(const Article& article);
IndexedText indexedText(const QString& title, const QStringList& tags, const QString& content, ContentFormat format);

// Indexes up to `limit` pending articles, in article order (the oldest stored first): extracts their text on
// worker threads, writes it (the triggers update the index) and takes them off search_pending, all in one
// transaction. Returns how many it indexed: 0 when nothing is pending.
Result<int> indexPending(const QSqlDatabase& db, int limit);
// Runs indexPending() in batches of `batch` until nothing is pending; returns how many it indexed in all.
Result<int> indexAllPending(const QSqlDatabase& db, int batch);

// indexAllPending() a batch per call, for a caller that does other work between batches (FeedSync's writer): while
// step() writes one batch into the index, the worker pool extracts the text of the next, read before the write and
// checked against the article's content hash when its turn comes. Lives on one thread with one connection.
class PendingIndexer {
public:
    explicit PendingIndexer(int batch);
    ~PendingIndexer();
    PendingIndexer(const PendingIndexer&) = delete;
    PendingIndexer& operator=(const PendingIndexer&) = delete;

    // Indexes the next batch in one transaction; how many articles it took up (an article changed since it was read
    // stays pending for a later step). 0 once nothing is pending.
    Result<int> step(const QSqlDatabase& db);

private:
    struct Next;
    int m_batch;
    std::unique_ptr<Next> m_next; // the batch read ahead, its text being extracted
};
// How many articles wait to be indexed.
Result<qint64> pendingCount(const QSqlDatabase& db);

} // namespace searchindex

} // namespace folio
