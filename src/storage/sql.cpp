#include "storage/sql.h"

#include <QHash>
#include <QSqlDriver>
#include <QSqlError>
#include <QTimeZone>

#include <sqlite3.h>

#include <utility>

namespace folio {

namespace {

QString describe(const QSqlError& error)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return QStringLiteral("database error: %1").arg(text);
}

} // namespace

QVariant msOrNull(const QDateTime& when)
{
    return when.isValid() ? QVariant(when.toMSecsSinceEpoch()) : QVariant();
}

QDateTime utcFromMs(const QVariant& value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::utc());
}

QVariant textOrEmpty(const QString& text)
{
    return text.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(text);
}

QVariant textOrNull(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

Result<QSqlQuery> prepare(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return fail(describe(q.lastError()));
    return q;
}

Status run(QSqlQuery& query, const QVariantList& values)
{
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec())
        return fail(describe(query.lastError()));
    return {};
}

Result<QSqlQuery> query(const QSqlDatabase& db, const QString& sql, const QVariantList& values)
{
    auto q = prepare(db, sql);
    if (!q)
        return q;
    if (auto ran = run(q.value(), values); !ran)
        return fail(ran.error());
    return q;
}

sqlite3* sqliteHandle(const QSqlDatabase& db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

Utf8Statement::Utf8Statement(sqlite3* db, sqlite3_stmt* statement)
    : m_db(db)
    , m_statement(statement)
{
}

Utf8Statement::Utf8Statement(Utf8Statement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_statement(std::exchange(other.m_statement, nullptr))
    , m_bound(std::move(other.m_bound))
{
}

Utf8Statement& Utf8Statement::operator=(Utf8Statement&& other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_statement = std::exchange(other.m_statement, nullptr);
        m_bound = std::move(other.m_bound);
    }
    return *this;
}

Utf8Statement::~Utf8Statement()
{
    close();
}

void Utf8Statement::close()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
    m_statement = nullptr;
}

Result<Utf8Statement> Utf8Statement::prepare(const QSqlDatabase& db, const QString& sql)
{
    sqlite3* handle = sqliteHandle(db);
    if (!handle)
        return fail(QStringLiteral("database error: the connection is not SQLite"));
    const QByteArray text = sql.toUtf8();
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(handle, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT, &statement,
                           nullptr) != SQLITE_OK) {
        sqlite3_finalize(statement);
        return fail(QStringLiteral("database error: %1").arg(QString::fromUtf8(sqlite3_errmsg(handle))));
    }
    return Utf8Statement(handle, statement);
}

Result<bool> Utf8Statement::run(const QVariantList& values)
{
    sqlite3_reset(m_statement);
    m_bound.clear();
    int rc = SQLITE_OK;
    for (int i = 0; i < values.size() && rc == SQLITE_OK; ++i) {
        const QVariant& v = values.at(i);
        const int at = i + 1;
        switch (v.typeId()) {
        case QMetaType::QString: {
            const QString text = v.toString();
            if (text.isNull()) { // as QSqlQuery binds it
                rc = sqlite3_bind_null(m_statement, at);
                break;
            }
            m_bound.append(text.toUtf8());
            rc = sqlite3_bind_text(m_statement, at, m_bound.back().constData(), int(m_bound.back().size()),
                                   SQLITE_STATIC);
            break;
        }
        case QMetaType::QByteArray:
            m_bound.append(v.toByteArray());
            rc = sqlite3_bind_blob(m_statement, at, m_bound.back().constData(), int(m_bound.back().size()),
                                   SQLITE_STATIC);
            break;
        case QMetaType::Double:
            rc = sqlite3_bind_double(m_statement, at, v.toDouble());
            break;
        case QMetaType::UnknownType:
            rc = sqlite3_bind_null(m_statement, at);
            break;
        default:
            rc = v.isNull() ? sqlite3_bind_null(m_statement, at) : sqlite3_bind_int64(m_statement, at, v.toLongLong());
        }
    }
    if (rc != SQLITE_OK)
        return fail(QStringLiteral("database error: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_db))));
    return step();
}

Result<bool> Utf8Statement::next()
{
    return step();
}

Result<bool> Utf8Statement::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString error = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_reset(m_statement);
    return fail(QStringLiteral("database error: %1").arg(error));
}

QString Utf8Statement::text(int column) const
{
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return QString::fromUtf8(bytes, sqlite3_column_bytes(m_statement, column));
}

QByteArray Utf8Statement::blob(int column) const
{
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(m_statement, column));
    return QByteArray(bytes, sqlite3_column_bytes(m_statement, column));
}

qint64 Utf8Statement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

qint64 Utf8Statement::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

void Utf8Statement::finish()
{
    sqlite3_reset(m_statement);
}

namespace {

// Open transactions per connection on this thread (a connection belongs to one thread): an inner
// Transaction becomes a savepoint, so a store's own transaction can join a caller's larger one.
thread_local QHash<QString, int> openDepth;

} // namespace

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Transaction::~Transaction()
{
    if (!m_active)
        return;
    QSqlQuery rollback(m_db);
    if (m_depth == 0) {
        rollback.exec(QStringLiteral("ROLLBACK"));
    } else {
        rollback.exec(QStringLiteral("ROLLBACK TO folio_%1").arg(m_depth));
        rollback.exec(QStringLiteral("RELEASE folio_%1").arg(m_depth));
    }
    --openDepth[m_db.connectionName()];
}

Status Transaction::begin()
{
    int& depth = openDepth[m_db.connectionName()];
    QSqlQuery q(m_db);
    const QString sql =
        depth == 0 ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("SAVEPOINT folio_%1").arg(depth);
    if (!q.exec(sql))
        return fail(describe(q.lastError()));
    m_depth = depth++;
    m_active = true;
    return {};
}

Status Transaction::commit()
{
    QSqlQuery q(m_db);
    const QString sql = m_depth == 0 ? QStringLiteral("COMMIT") : QStringLiteral("RELEASE folio_%1").arg(m_depth);
    if (!q.exec(sql))
        return fail(describe(q.lastError()));
    m_active = false;
    --openDepth[m_db.connectionName()];
    return {};
}

} // namespace folio
