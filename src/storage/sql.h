#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace folio {

// Values as Folio binds them: times are ms since the epoch (UTC); text columns are NOT NULL unless said otherwise.
QVariant msOrNull(const QDateTime& when);
QDateTime utcFromMs(const QVariant& value);
QVariant textOrEmpty(const QString& text); // a null QString would otherwise bind as NULL
QVariant textOrNull(const QString& text);  // for the few nullable text columns: empty is stored as NULL

// Prepares a forward-only query. SQL text is always a constant of ours; values are always bound.
Result<QSqlQuery> prepare(const QSqlDatabase& db, const QString& sql);

// Binds `values` positionally and runs the prepared query.
Status run(QSqlQuery& query, const QVariantList& values = {});

// prepare + run in one step, for statements run once.
Result<QSqlQuery> query(const QSqlDatabase& db, const QString& sql, const QVariantList& values = {});

// The SQLite handle under a Qt connection; null when the driver gives none.
sqlite3* sqliteHandle(const QSqlDatabase& db);

// A statement run on the connection's own SQLite handle, for the few that move whole article texts: QSqlQuery binds
// text as UTF-16 and reads it as UTF-16, and SQLite converts to and from the library's UTF-8 a byte at a time (a fifth
// of the search indexer's time); here Qt converts, vectorized. Used on the connection's thread; the connection must
// outlive it.
class Utf8Statement {
public:
    static Result<Utf8Statement> prepare(const QSqlDatabase& db, const QString& sql);
    Utf8Statement(Utf8Statement&& other) noexcept;
    Utf8Statement& operator=(Utf8Statement&& other) noexcept;
    ~Utf8Statement();

    // Binds `values` positionally (a QString as UTF-8 text, a QByteArray as a blob, integers and bools as integers, a
    // null QVariant as NULL) and runs the statement up to its first row; true when there is one.
    Result<bool> run(const QVariantList& values = {});
    // The next row; false after the last.
    Result<bool> next();
    QString text(int column) const;
    QByteArray blob(int column) const;
    qint64 integer(int column) const;
    qint64 lastInsertId() const;
    // Done with the row read: the statement holds nothing until it runs again.
    void finish();

private:
    Utf8Statement(sqlite3* db, sqlite3_stmt* statement);
    Result<bool> step();
    void close();

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_statement = nullptr;
    QList<QByteArray> m_bound; // the UTF-8 of the bound text, alive until the next run
};

// A write transaction taken with BEGIN IMMEDIATE (so two writers never deadlock upgrading a read lock).
// Rolled back when it goes out of scope uncommitted. Begun inside another one on the same connection, it is a
// savepoint: its work lands only when the outer transaction commits.
class Transaction {
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Status begin();
    Status commit();

private:
    QSqlDatabase m_db;
    int m_depth = 0;
    bool m_active = false;
};

} // namespace folio
