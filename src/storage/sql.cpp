#include "storage/sql.h"

#include <QSqlError>

namespace folio {

namespace {

QString describe(const QSqlError& error)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return QStringLiteral("database error: %1").arg(text);
}

} // namespace

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

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Transaction::~Transaction()
{
    if (m_active) {
        QSqlQuery rollback(m_db);
        rollback.exec(QStringLiteral("ROLLBACK"));
    }
}

Status Transaction::begin()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(describe(q.lastError()));
    m_active = true;
    return {};
}

Status Transaction::commit()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT")))
        return fail(describe(q.lastError()));
    m_active = false;
    return {};
}

} // namespace folio
