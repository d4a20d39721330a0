#include "storage/cjktokenizer.h"

#include <sqlite3.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>

namespace folio::search {

namespace {

enum class CharClass { Separator, Word, Mark, Cjk };

bool isCjkScript(UChar32 c)
{
    UErrorCode error = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &error);
    if (U_FAILURE(error))
        return false;
    return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
           script == USCRIPT_HANGUL;
}

// The class of an already folded code point. The common blocks are decided without asking ICU: the tokenizer
// runs over every byte of every article.
CharClass classify(UChar32 c)
{
    if (c < 0x80) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return alnum ? CharClass::Word : CharClass::Separator;
    }
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x3041 && c <= 0x3096) ||
        (c >= 0x30A1 && c <= 0x30FA))
        return CharClass::Cjk;
    if (c == 0x30FC) // ー, the Katakana prolonged sound mark, is "Common" script but part of Katakana words
        return CharClass::Cjk;
    const std::uint32_t category = U_GET_GC_MASK(c);
    const bool letterOrNumber = (category & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
    if (letterOrNumber && isCjkScript(c))
        return CharClass::Cjk;
    if (u_isalnum(c))
        return CharClass::Word;
    if ((category & U_GC_M_MASK) != 0)
        return CharClass::Mark;
    return CharClass::Separator;
}

UChar32 fold(UChar32 c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
    if (c >= 0xFF01 && c <= 0xFF5E) // full-width ASCII
        return fold(c - 0xFEE0);
    if (c == 0x3000) // ideographic space
        return ' ';
    // Han, Kana and Hangul syllables have no case: most characters of Chinese text need no ICU call.
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3041 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7A3))
        return c;
    return u_foldCase(c, U_FOLD_CASE_DEFAULT);
}

class Splitter {
public:
    Splitter(std::string_view text, TokenSink sink, void* context)
        : m_text(text)
        , m_sink(sink)
        , m_context(context)
    {
    }

    bool run()
    {
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(m_text.data());
        const auto length = std::int32_t(m_text.size());
        std::int32_t i = 0;
        while (i < length) {
            const std::int32_t start = i;
            UChar32 c = 0;
            U8_NEXT(bytes, i, length, c);
            if (c < 0) { // ill-formed UTF-8 separates tokens
                if (!endRuns())
                    return false;
                continue;
            }
            c = fold(c);
            switch (classify(c)) {
            case CharClass::Word:
                if (!endCjk())
                    return false;
                appendToWord(c, start, i);
                break;
            case CharClass::Mark:
                if (m_wordStart >= 0) // a combining mark belongs to the word it follows
                    appendToWord(c, start, i);
                else if (!endRuns())
                    return false;
                break;
            case CharClass::Cjk:
                if (!endWord() || !addCjk(start, i))
                    return false;
                break;
            case CharClass::Separator:
                if (!endRuns())
                    return false;
                break;
            }
        }
        return endRuns();
    }

private:
    bool emit(TokenKind kind, const char* data, int size, int start, int end)
    {
        return m_sink(m_context, Token{kind, std::string_view(data, std::size_t(size)), start, end});
    }

    void appendToWord(UChar32 c, std::int32_t start, std::int32_t end)
    {
        if (m_wordStart < 0) {
            m_wordStart = start;
            m_wordSize = 0;
        }
        m_wordEnd = end;
        if (m_wordSize + U8_LENGTH(c) > kMaxWordBytes)
            return; // cut: the rest of an overlong word is not indexed
        auto* out = reinterpret_cast<std::uint8_t*>(m_word);
        UBool error = false;
        U8_APPEND(out, m_wordSize, kMaxWordBytes, c, error);
        (void)error;
    }

    bool endWord()
    {
        if (m_wordStart < 0)
            return true;
        const int start = m_wordStart;
        m_wordStart = -1;
        return emit(TokenKind::Word, m_word, m_wordSize, start, m_wordEnd);
    }

    bool addCjk(std::int32_t start, std::int32_t end)
    {
        if (m_cjkCount > 0 &&
            !emit(TokenKind::CjkBigram, m_text.data() + m_cjkLastStart, int(end - m_cjkLastStart), m_cjkLastStart, end))
            return false;
        m_cjkLastStart = start;
        m_cjkLastEnd = end;
        ++m_cjkCount;
        return true;
    }

    bool endCjk()
    {
        const int count = m_cjkCount;
        m_cjkCount = 0;
        if (count == 1)
            return emit(TokenKind::CjkSingle, m_text.data() + m_cjkLastStart, m_cjkLastEnd - m_cjkLastStart,
                        m_cjkLastStart, m_cjkLastEnd);
        return true;
    }

    bool endRuns() { return endWord() && endCjk(); }

    std::string_view m_text;
    TokenSink m_sink;
    void* m_context;

    char m_word[kMaxWordBytes];
    std::int32_t m_wordSize = 0;
    int m_wordStart = -1;
    int m_wordEnd = 0;

    int m_cjkCount = 0;
    int m_cjkLastStart = 0;
    int m_cjkLastEnd = 0;
};

// Every CJK character of a text, each once, in order of first appearance.
bool splitCharacters(std::string_view text, TokenSink sink, void* context)
{
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = std::int32_t(text.size());
    std::uint64_t seen[0x10000 / 64] = {}; // BMP characters seen; the rare others are emitted every time
    std::int32_t i = 0;
    while (i < length) {
        const std::int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0x80 || classify(fold(c)) != CharClass::Cjk) // ASCII never is, and ill-formed UTF-8 is < 0
            continue;
        if (c < 0x10000) {
            std::uint64_t& word = seen[c >> 6];
            const std::uint64_t bit = std::uint64_t(1) << (c & 63);
            if (word & bit)
                continue;
            word |= bit;
        }
        if (!sink(context,
                  Token{TokenKind::CjkSingle, text.substr(std::size_t(start), std::size_t(i - start)), start, i}))
            return false;
    }
    return true;
}

// ---- FTS5 glue -----------------------------------------------------------------------------------------

struct FtsCall {
    void* context;
    int (*xToken)(void*, int, const char*, int, int, int);
    int rc = SQLITE_OK;
};

bool toFts(void* context, const Token& token)
{
    auto* call = static_cast<FtsCall*>(context);
    call->rc = call->xToken(call->context, 0, token.text.data(), int(token.text.size()), token.start, token.end);
    return call->rc == SQLITE_OK;
}

// The tokenizer has no state and no options: every instance is this one object.
Fts5Tokenizer* const kInstance = reinterpret_cast<Fts5Tokenizer*>(const_cast<char*>(kTokenizerName));

int create(void*, const char**, int argCount, Fts5Tokenizer** out)
{
    if (argCount != 0)
        return SQLITE_ERROR; // no options: an unknown one must not silently index differently
    *out = kInstance;
    return SQLITE_OK;
}

void destroy(Fts5Tokenizer*) {}

int tokenizeForFts(Fts5Tokenizer*, void* context, int flags, const char* text, int size,
                   int (*xToken)(void*, int, const char*, int, int, int))
{
    if (!text || size <= 0)
        return SQLITE_OK;
    FtsCall call{context, xToken};
    const TokenizeMode mode = (flags & FTS5_TOKENIZE_DOCUMENT) ? TokenizeMode::Document : TokenizeMode::Query;
    tokenize(std::string_view(text, std::size_t(size)), mode, &toFts, &call);
    return call.rc;
}

} // namespace

bool tokenize(std::string_view text, TokenizeMode mode, TokenSink sink, void* context)
{
    (void)mode; // the same tokens either way
    return Splitter(text, sink, context).run();
}

bool tokenizeCharacters(std::string_view text, TokenSink sink, void* context)
{
    return splitCharacters(text, sink, context);
}

int tokenizeCharactersForFts(Fts5Tokenizer*, void* context, int, const char* text, int size,
                             int (*xToken)(void*, int, const char*, int, int, int))
{
    if (!text || size <= 0)
        return SQLITE_OK;
    FtsCall call{context, xToken};
    splitCharacters(std::string_view(text, std::size_t(size)), &toFts, &call);
    return call.rc;
}

fts5_api* fts5Api(sqlite3* db)
{
    fts5_api* api = nullptr;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) != SQLITE_OK)
        return nullptr;
    sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(statement);
    if (sqlite3_finalize(statement) != SQLITE_OK)
        return nullptr;
    return api;
}

int registerTokenizer(sqlite3* db)
{
    fts5_api* api = fts5Api(db);
    if (!api || api->iVersion < 2)
        return SQLITE_ERROR;
    static fts5_tokenizer methods = {&create, &destroy, &tokenizeForFts};
    static fts5_tokenizer characterMethods = {&create, &destroy, &tokenizeCharactersForFts};
    const int rc = api->xCreateTokenizer(api, kTokenizerName, nullptr, &methods, nullptr);
    if (rc != SQLITE_OK)
        return rc;
    return api->xCreateTokenizer(api, kCharacterTokenizerName, nullptr, &characterMethods, nullptr);
}

} // namespace folio::search
