#pragma once

#include <string_view>

struct sqlite3;
struct fts5_api;

namespace folio::search {

// Folio's FTS5 tokenizer "folio_cjk" (the index: storage/searchindex.h).
// Registered per connection; the index uses it wrapped in porter: tokenize='porter folio_cjk'.
//
//  - Runs of letters, digits and combining marks (Latin, Greek, Cyrillic, …) become one word each, case-folded
//    (ICU simple case folding). Full-width ASCII is folded first (ＢＥＲＴ = bert), U+3000 is a space.
//  - Runs of Han, Hiragana, Katakana and Hangul become overlapping bigrams (位置编码 → 位置 置编 编码); a run of
//    one character is that character. A query for one CJK character alone goes to the character index
//    (tokenizeCharacters below); a character that ends a term's text ("…码"*) is a prefix of the bigram it starts;
//    one that starts a term before other tokens ("码 softmax") is checked by folio_follows (storage/searchrank.h).
//    Documents and queries get the same tokens. (Version 1 also put the last character of every run at the last
//    bigram's position, colocated: 12% of the index.)
//  - Everything else separates tokens: punctuation, symbols, emoji, '\', '_', '$', '{', invalid UTF-8. TeX thus
//    keeps its words: "\alpha_{t}" → alpha t.
// Words longer than kMaxWordBytes are cut there (documents and queries alike).
//
// Bump kTokenizerVersion whenever the tokens for any text change: opening a library indexed with another version
// rebuilds its index.
constexpr int kTokenizerVersion = 2;
constexpr int kMaxWordBytes = 128;
constexpr const char* kTokenizerName = "folio_cjk";
// The tokenizer of the character index (storage/searchindex.h: search_chars): each CJK character of a text once,
// as tokenizeCharacters() below splits it. Its version is kTokenizerVersion too.
constexpr const char* kCharacterTokenizerName = "folio_cjk_chars";

enum class TokenKind {
    Word,      // a case-folded letter/digit run
    CjkBigram, // two CJK characters
    CjkSingle, // a CJK run of one character
};

// Documents and queries are split alike (the mode is what FTS5 asks for).
enum class TokenizeMode { Document, Query };

// One token: its bytes (valid until the callback returns), and the byte range of the source it covers.
struct Token {
    TokenKind kind;
    std::string_view text;
    int start;
    int end;
};

// Called for every token in order; returning false stops tokenizing.
using TokenSink = bool (*)(void* context, const Token& token);

// Splits UTF-8 `text` as the index does. Returns false when the sink stopped it.
bool tokenize(std::string_view text, TokenizeMode mode, TokenSink sink, void* context);

// The FTS5 extension API of this connection; null when SQLite has no FTS5.
fts5_api* fts5Api(sqlite3* db);

// Every CJK character of UTF-8 `text` (as tokenize() classifies them), each once, in order of first appearance:
// a single-character query on this finds exactly the texts with that character, without a prefix query.
bool tokenizeCharacters(std::string_view text, TokenSink sink, void* context);

// Registers "folio_cjk" and "folio_cjk_chars" with the FTS5 of this connection. Returns an SQLite result code.
int registerTokenizer(sqlite3* db);

} // namespace folio::search
