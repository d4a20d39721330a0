#pragma once

#include "domain/article.h"
#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

namespace folio {

// The full-text index behind search (schema step 3):
//   search_text (article_id → articles.id ON DELETE CASCADE, title, tags, body): the plain text that is indexed,
//     one row per article, written by ArticleStore::upsert in the article's own transaction.
//   search_index: FTS5, external content = search_text, tokenize='porter folio_cjk' (storage/cjktokenizer.h),
//     detail=full; triggers on search_text keep it in step, so deleting an article (or its feed) unindexes it.
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

// The statement ArticleStore runs, with indexedText's fields and the article id bound in that order
// (id, title, tags, body).
QString upsertStatement();

} // namespace searchindex

} // namespace folio
