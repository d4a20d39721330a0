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

    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    QSqlDatabase connection() const;
    const QString& path() const { return m_path; }
    int schemaVersion() const;

private:
    Database(QString connectionName, QString path);

    QString m_connectionName;
    QString m_path;
};

} // namespace folio
