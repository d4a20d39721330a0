#include "storage/sql.h"

#include <QHash>
#include <QSqlError>
#include <QTimeZone>

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
