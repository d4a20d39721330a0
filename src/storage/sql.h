#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

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
