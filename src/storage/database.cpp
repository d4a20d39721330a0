#include "storage/database.h"

#include "storage/migrations.h"
#include "storage/searchindex.h"
#include "storage/sql.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QStandardPaths>

namespace folio {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("folio-%1").arg(counter.fetchAndAddRelaxed(1));
}

Result<int> pragmaInt(const QSqlDatabase& db, const QString& name)
{
    auto q = query(db, QStringLiteral("PRAGMA ") + name);
    if (!q)
        return fail(q.error());
    return q->next() ? q->value(0).toInt() : 0;
}

// Everything that must hold before Folio writes a single byte to the file.
Status checkIsOurs(const QSqlDatabase& db, const QString& path)
{
    auto version = pragmaInt(db, QStringLiteral("user_version"));
    if (!version)
        return fail(QStringLiteral("%1 is not a Folio library (%2)").arg(path, version.error()));
    if (version.value() > latestSchemaVersion())
        return fail(QStringLiteral("%1 was written by a newer Folio (schema version %2; this Folio knows up to "
                                   "%3). Update Folio to open it; the file was left untouched.")
                        .arg(path)
                        .arg(version.value())
                        .arg(latestSchemaVersion()));
    auto appId = pragmaInt(db, QStringLiteral("application_id"));
    if (!appId)
        return fail(appId.error());
    if (appId.value() != 0 && appId.value() != kFolioApplicationId)
        return fail(QStringLiteral("%1 belongs to another program (SQLite application id %2); "
                                   "it was left untouched.")
                        .arg(path)
                        .arg(appId.value()));
    if (version.value() == 0 && appId.value() != kFolioApplicationId) {
        auto tables = query(db, QStringLiteral("SELECT count(*) FROM sqlite_schema"));
        if (!tables)
            return fail(tables.error());
        if (tables->next() && tables->value(0).toInt() > 0)
            return fail(QStringLiteral("%1 is an SQLite database but not a Folio library; "
                                       "it was left untouched.")
                            .arg(path));
    }
    return {};
}

} // namespace

QString Database::resolvePath(const QString& explicitPath)
{
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QString fromEnv = qEnvironmentVariable("FOLIO_DB");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(dir).filePath(QStringLiteral("folio/library.db"));
}

Result<std::unique_ptr<Database>> Database::open(const QString& path)
{
    const QFileInfo info(path);
    if (info.exists() && info.isDir())
        return fail(QStringLiteral("%1 is a folder, not a library file").arg(path));
    if (!QDir().mkpath(info.absolutePath()))
        return fail(QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));

    std::unique_ptr<Database> db(new Database(nextConnectionName(), path));
    QSqlDatabase conn = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), db->m_connectionName);
    conn.setDatabaseName(path);
    conn.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!conn.open())
        return fail(QStringLiteral("cannot open %1: %2").arg(path, conn.lastError().text()));

    if (auto ours = checkIsOurs(conn, path); !ours)
        return fail(ours.error());

    // 16 KB pages for a new library (an existing one keeps its own: the size is fixed by the first page written, and
    // WAL mode freezes it): an article's text fills whole pages rather than chains of 4 KB overflow pages, and a
    // feed's articles are written ~35 % faster. WAL lets the GUI read while the writer writes; NORMAL is durable at
    // each checkpoint in WAL mode. A 16 MB page cache: with the 2 MB default a 100,000-post import re-read its
    // indexes from disk.
    for (const char* pragma :
         {"PRAGMA page_size = 16384", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
          "PRAGMA foreign_keys = ON", "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -16384"}) {
        if (auto ran = query(conn, QString::fromLatin1(pragma)); !ran)
            return fail(QStringLiteral("cannot set up %1: %2").arg(path, ran.error()));
    }
    // The search tokenizer must be known to the connection before anything touches the index.
    if (auto attached = searchindex::attach(conn); !attached)
        return fail(QStringLiteral("cannot open %1: %2").arg(path, attached.error()));
    if (auto migrated = migrate(conn); !migrated)
        return fail(QStringLiteral("cannot upgrade %1: %2").arg(path, migrated.error()));
    if (auto current = searchindex::ensureCurrent(conn); !current)
        return fail(QStringLiteral("cannot update the search index of %1: %2").arg(path, current.error()));
    return db;
}

Database::Database(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName))
    , m_path(std::move(path))
{
}

Database::~Database()
{
    {
        QSqlDatabase conn = QSqlDatabase::database(m_connectionName, false);
        if (conn.isOpen())
            conn.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Status Database::deferCheckpoints()
{
    for (const char* pragma : {"PRAGMA wal_autocheckpoint = 0", "PRAGMA journal_size_limit = 33554432"}) {
        if (auto ran = query(connection(), QString::fromLatin1(pragma)); !ran)
            return fail(ran.error());
    }
    return {};
}

Status Database::checkpoint()
{
    if (auto ran = query(connection(), QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")); !ran)
        return fail(ran.error());
    return {};
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const
{
    auto v = pragmaInt(connection(), QStringLiteral("user_version"));
    return v ? v.value() : -1;
}

} // namespace folio
