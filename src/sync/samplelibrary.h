#pragma once

#include "domain/result.h"

namespace folio {

class Database;

// The sample articles bundled with Folio, so a first start has something to read.
class SampleLibrary {
public:
    static constexpr const char* kFeedUrl = "qrc:/sample";

    // Imports the samples when the library has no feeds at all; a library that has (or had) a source of
    // its own is never re-seeded. Returns whether it seeded.
    static Result<bool> seedIfEmpty(Database& db);
};

} // namespace folio
