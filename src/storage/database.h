#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace folio {

// One connection to a Folio library file, opened, checked and migrated to the current schema.
// A connection belongs to the thread that opened it; open one per thread (WAL lets readers and the
// writer work at once).
class Database {
public:
    // Opens (creating it if needed) the library at `path`. Refuses, leaving the file untouched, a database
    // written by a newer Folio or one that is not a Folio library at all.
    static Result<std::unique_ptr<Database>> open(const QString& path);

    // The library path: `explicitPath` when given, else $FOLIO_DB, else library.db in the platform's
    // app-data folder (~/.local/share/folio on Linux).
    static QString resolvePath(const QString& explicitPath = {});

    // How long a connection waits for another's write lock before its statement fails.
    static constexpr int kBusyTimeoutMs = 5000;

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    QSqlDatabase connection() const;
    const QString& path() const { return m_path; }
    int schemaVersion() const;

    // For a connection that writes in bulk (the sync's writer): its commits no longer copy the write-ahead log into
    // the library as they go (SQLite does that after any commit that leaves the log over 1,000 pages, so a big feed's
    // commit paid for copying everything it wrote); checkpoint() does it when the bulk work is over. The log file is
    // cut back to 32 MB whenever it starts over.
    Status deferCheckpoints();
    // Copies what the log holds into the library, as far as readers allow (they are never waited for).
    Status checkpoint();

private:
    Database(QString connectionName, QString path);

    QString m_connectionName;
    QString m_path;
};

} // namespace folio
