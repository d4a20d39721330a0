#pragma once

#include "domain/search.h"

#include <QString>
#include <QStringList>

namespace folio::searchquery {

// Limits that keep a pasted essay from becoming a pathological query: the rest is ignored.
constexpr int kMaxQueryChars = 1000;
constexpr int kMaxTerms = 32;

// Parses what the user typed (syntax in domain/search.h). Never fails: anything odd becomes plain text, and
// text with no letter or digit in it is dropped when the query is built. Full-width quotes, colon and space
// count as their ASCII forms; bare AND and OR are dropped (every term is required anyway).
SearchQuery parse(const QString& text);

// The FTS5 side of a query. User text reaches FTS5 only inside string literals ("…" with " doubled), each term
// one phrase, so that a CJK term matches as a substring (its bigrams at consecutive positions); a term ending in a
// lone CJK character ends in a prefix token ("…码"*), which also finds the character at the start of a bigram.
// A term that is one CJK character and nothing else goes to the character index instead (search_chars,
// storage/searchindex.h), which answers it without a prefix query; one that starts with a lone CJK character
// before more tokens is the phrase of the rest, checked by folio_follows.
struct FtsQuery {
    QString match;              // what every hit must match; empty when the query has no positive term
    QString exclude;            // what no hit may match (the negated terms OR-ed); empty when there is none
    QString characters;         // search_chars: the single characters every hit must have; empty when none
    QString excludedCharacters; // search_chars: the negated single characters, OR-ed; empty when none
    // A term that starts with one CJK character before other tokens ("码 softmax"): its other tokens are a phrase
    // that must follow a token ending in the character (folio_follows, storage/searchrank.h).
    struct Follows {
        QString phrase;    // the FTS5 string of the other tokens
        QString character; // as typed
        int index = -1;    // of the phrase in `match` (positive terms only)
    };
    QList<Follows> follows;         // positive: the phrase is one of `match`'s
    QList<Follows> excludedFollows; // negated: no hit may have any of them
    // The CJK runs of the positive terms, case-folded, for highlighting them as substrings.
    QStringList cjkRuns;
};
FtsQuery ftsQuery(const SearchQuery& query);

// Case folding as the tokenizer does it, one UTF-16 unit for one: full-width ASCII to ASCII, then simple case
// folding. Positions in the result are positions in `text`.
QString foldForMatching(const QString& text);

} // namespace folio::searchquery
