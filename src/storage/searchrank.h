#pragma once

struct sqlite3;

namespace folio::search {

// Folio's FTS5 rank function, folio_rank(search_index): Okapi BM25 as FTS5's bm25(search_index, 10.0, 5.0, 1.0)
// computes it (title hits count ten body hits, tags five; k1 1.2, b 0.75; lower is better), except for how a
// phrase's document frequency is found. bm25() counts every article that matches each phrase, once per statement:
// at 100,000 articles a common phrase ("位置编码", in 60% of them) costs more than everything else a search does.
// folio_rank stops counting at kRankDfSample matches and extrapolates from how far into the articles (by rowid)
// it got: the IDF of a rare phrase is exact, that of a common one an estimate, and common phrases weigh little
// anyway.
constexpr int kRankDfSample = 500;
constexpr const char* kRankFunctionName = "folio_rank";

// folio_follows(search_index, phrase, character): 1 when an instance of phrase number `phrase` of the query comes
// right after a CJK token that ends in `character` (a bigram ending in it, or the character alone), else 0. A term
// whose text starts with one CJK character before other tokens ("码 softmax") matches that way: its other tokens
// are the phrase; the character may end a longer run in the article (编码 softmax), which no token says alone.
constexpr const char* kFollowsFunctionName = "folio_follows";

// Registers folio_rank and folio_follows with the FTS5 of this connection. Returns an SQLite result code.
int registerRankFunction(sqlite3* db);

} // namespace folio::search
