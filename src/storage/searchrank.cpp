#include "storage/searchrank.h"

#include "storage/cjktokenizer.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

namespace folio::search {

namespace {

constexpr double kWeights[] = {10.0, 5.0, 1.0}; // title, tags, body: search_index's columns in order
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// What a statement computes once: each phrase's IDF and the average article length in tokens.
struct Statement {
    std::vector<double> idf;
    double averageLength = 1;
};

struct Sample {
    int hits = 0;
    sqlite3_int64 lastRowid = 0;
};

int countHit(const Fts5ExtensionApi* api, Fts5Context* fts, void* context)
{
    auto* sample = static_cast<Sample*>(context);
    sample->lastRowid = api->xRowid(fts);
    return ++sample->hits >= kRankDfSample ? SQLITE_DONE : SQLITE_OK;
}

// How many articles match phrase `phrase`: counted up to kRankDfSample; past that, the count so far scaled by the
// share of the rowid range it covered (matches are visited in rowid order, and article ids are nearly dense).
int documentFrequency(const Fts5ExtensionApi* api, Fts5Context* fts, int phrase, sqlite3_int64 rows, double* df)
{
    Sample sample;
    if (const int rc = api->xQueryPhrase(fts, phrase, &sample, &countHit); rc != SQLITE_OK)
        return rc;
    if (sample.hits < kRankDfSample || sample.lastRowid <= 0) {
        *df = sample.hits;
        return SQLITE_OK;
    }
    const double estimate = double(sample.hits) * double(std::max(rows, sample.lastRowid)) / double(sample.lastRowid);
    *df = std::clamp(estimate, double(sample.hits), double(std::max<sqlite3_int64>(rows, sample.hits)));
    return SQLITE_OK;
}

int prepare(const Fts5ExtensionApi* api, Fts5Context* fts, Statement** out)
{
    if (auto* known = static_cast<Statement*>(api->xGetAuxdata(fts, 0))) {
        *out = known;
        return SQLITE_OK;
    }
    auto* statement = new Statement;
    sqlite3_int64 rows = 0, tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK)
        rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc == SQLITE_OK && rows > 0)
        statement->averageLength = std::max(1.0, double(tokens) / double(rows));
    const int phrases = api->xPhraseCount(fts);
    for (int i = 0; rc == SQLITE_OK && i < phrases; ++i) {
        double df = 0;
        rc = documentFrequency(api, fts, i, rows, &df);
        // BM25's IDF, kept above zero for phrases in more than half of the articles, as FTS5's bm25() does.
        const double idf = std::log((double(rows) - df + 0.5) / (df + 0.5));
        statement->idf.push_back(std::max(idf, 1e-6));
    }
    if (rc == SQLITE_OK)
        rc = api->xSetAuxdata(fts, statement, [](void* p) { delete static_cast<Statement*>(p); });
    else
        delete statement;
    if (rc == SQLITE_OK)
        *out = statement;
    return rc;
}

void rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result, int, sqlite3_value**)
{
    Statement* statement = nullptr;
    int rc = prepare(api, fts, &statement);
    std::vector<double> frequency(statement ? statement->idf.size() : 0, 0.0);
    int instances = 0;
    if (rc == SQLITE_OK)
        rc = api->xInstCount(fts, &instances);
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK && phrase >= 0 && std::size_t(phrase) < frequency.size() && column >= 0 && column < 3)
            frequency[std::size_t(phrase)] += kWeights[column];
    }
    int length = 0;
    if (rc == SQLITE_OK)
        rc = api->xColumnSize(fts, -1, &length);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(result, rc);
        return;
    }
    const double norm = kK1 * (1 - kB + kB * double(length) / statement->averageLength);
    double score = 0;
    for (std::size_t i = 0; i < frequency.size(); ++i)
        score += statement->idf[i] * frequency[i] * (kK1 + 1) / (frequency[i] + norm);
    sqlite3_result_double(result, -score);
}

// folio_follows(search_index, phrase, character): whether an instance of the phrase directly follows a CJK token
// that ends in the character (a bigram "…c" or the lone character). FTS5 gives the phrase's positions; the token
// before each is found by splitting the column's text again, as the index did.
struct Follows {
    std::vector<int> positions; // wanted token positions in the column, ascending
    std::string_view character;
    int position = 0;
    bool found = false;
};

bool checkToken(void* context, const Token& token)
{
    auto* f = static_cast<Follows*>(context);
    const int at = f->position++;
    if (!std::binary_search(f->positions.begin(), f->positions.end(), at))
        return at < f->positions.back();
    const bool cjk = token.kind == TokenKind::CjkBigram || token.kind == TokenKind::CjkSingle;
    const auto size = f->character.size();
    if (cjk && token.text.size() >= size && token.text.substr(token.text.size() - size) == f->character) {
        f->found = true;
        return false;
    }
    return at < f->positions.back();
}

void follows(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result, int argCount, sqlite3_value** args)
{
    if (argCount != 2) {
        sqlite3_result_error(result, "folio_follows: expected (search_index, phrase, character)", -1);
        return;
    }
    const int phrase = sqlite3_value_int(args[0]);
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(args[1]));
    const std::string_view character(text ? text : "", std::size_t(sqlite3_value_bytes(args[1])));
    int instances = 0;
    int rc = api->xInstCount(fts, &instances);
    std::vector<std::vector<int>> wanted(std::size_t(std::max(0, api->xColumnCount(fts))));
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int p = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &p, &column, &offset);
        if (rc == SQLITE_OK && p == phrase && offset > 0 && column >= 0 && std::size_t(column) < wanted.size())
            wanted[std::size_t(column)].push_back(offset - 1);
    }
    bool found = false;
    for (std::size_t column = 0; rc == SQLITE_OK && !found && column < wanted.size(); ++column) {
        if (wanted[column].empty() || character.empty())
            continue;
        const char* columnText = nullptr;
        int size = 0;
        rc = api->xColumnText(fts, int(column), &columnText, &size);
        if (rc != SQLITE_OK || !columnText)
            continue;
        Follows f{std::move(wanted[column]), character};
        std::sort(f.positions.begin(), f.positions.end());
        tokenize(std::string_view(columnText, std::size_t(size)), TokenizeMode::Document, &checkToken, &f);
        found = f.found;
    }
    if (rc != SQLITE_OK)
        sqlite3_result_error_code(result, rc);
    else
        sqlite3_result_int(result, found ? 1 : 0);
}

} // namespace

int registerRankFunction(sqlite3* db)
{
    fts5_api* api = fts5Api(db);
    if (!api || api->iVersion < 2)
        return SQLITE_ERROR;
    const int rc = api->xCreateFunction(api, kRankFunctionName, nullptr, &rank, nullptr);
    if (rc != SQLITE_OK)
        return rc;
    return api->xCreateFunction(api, kFollowsFunctionName, nullptr, &follows, nullptr);
}

} // namespace folio::search
