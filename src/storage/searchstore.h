#pragma once

#include "domain/result.h"
#include "domain/search.h"

namespace folio {

class Database;

// Full-text search over the library (the index: storage/searchindex.h). Reads only; use it on the connection of
// the thread that asks (the GUI has its own connection; a search never blocks the writer, WAL).
//
//   SearchStore store(db);
//   auto page = store.search(QStringLiteral("RoPE 位置编码 -bert tag:NLP"), SearchSort::Rank, 1, 20);
//
// The query syntax is in domain/search.h. No text makes it fail: unparseable parts become plain words, words with
// no letter or digit are ignored, and a query with nothing left (or only filters and exclusions) still answers:
//   - no terms, no filters: an empty page;
//   - only filters and/or -excluded terms: every article that passes them, newest first.
// Results: ranked by folio_rank (BM25 with title ×10, tags ×5, body ×1; storage/searchrank.h) or newest first, paged
// like listings. Each hit has the title, a snippet of the body around the matches and the title with matches marked
// (kHighlightStart/End).
// Broad queries are bounded: at most kMaxSearchResults hits are counted and paged (SearchPage::totalCapped), and
// when more than 2,000 match, only the 2,000 most recently added ones are ranked, and come first; the others
// follow, most recently added first.
// Only indexed articles are found: one stored or changed since the index last caught up (searchindex::indexPending;
// an import indexes before it returns, a sync before it reports finished) is in no result, not even of a query with
// only filters, until it is indexed. A library left with pending articles (a crash mid-indexing) catches up at the
// next import or sync.
class SearchStore {
public:
    explicit SearchStore(Database& db)
        : m_db(db)
    {
    }

    // Page `page` (1-based) of `pageSize` hits. Fails for a page past the end (page 1 of no hits is fine) and when
    // the library cannot be read.
    Result<SearchPage> search(const QString& text, SearchSort sort, int page, int pageSize) const;
    Result<SearchPage> search(const SearchQuery& query, SearchSort sort, int page, int pageSize) const;

    // What to mark inside an opened article for this query: the text of each positive term (words, phrases and
    // CJK runs as typed, to be found case-insensitively). Filters and excluded terms are not in it.
    static QStringList highlightTerms(const QString& query);

private:
    Database& m_db;
};

} // namespace folio
