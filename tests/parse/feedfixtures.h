#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QString>
#include <QTimeZone>

// Fixture feeds under tests/data/feeds.
inline QByteArray feedFixture(const char* name)
{
    QFile file(QStringLiteral(FOLIO_TEST_DATA "/feeds/") + QString::fromLatin1(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

inline QDateTime utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc());
}

// The fetch time the tests hand the parser: items without a date get it.
inline QDateTime fetchTime()
{
    return utc(2026, 3, 20, 12, 0, 0);
}
