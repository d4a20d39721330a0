#include "parse/feeddates.h"

#include <QTest>
#include <QTimeZone>

using namespace folio;

// Dates as feeds write them, table-driven.
class TestFeedDates : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsFeedDates_data();
    void readsFeedDates();
    void refusesNonDates_data();
    void refusesNonDates();
};

void TestFeedDates::readsFeedDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    auto utc = [](int y, int mo, int d, int h, int mi, int s = 0) {
        return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc());
    };
    const auto row = [](const char* name, const char* text, const QDateTime& expected) {
        QTest::newRow(name) << QString::fromUtf8(text) << expected;
    };
    row("rfc822", "Sat, 14 Mar 2026 09:30:00 GMT", utc(2026, 3, 14, 9, 30));
    row("numeric zone", "Sat, 14 Mar 2026 09:30:00 +0800", utc(2026, 3, 14, 1, 30));
    row("colon zone", "Sat, 14 Mar 2026 09:30:00 +08:00", utc(2026, 3, 14, 1, 30));
    row("no weekday", "14 Mar 2026 09:30:00 -0500", utc(2026, 3, 14, 14, 30));
    row("two-digit year", "Sat, 14 Mar 26 09:30:00 GMT", utc(2026, 3, 14, 9, 30));
    row("two-digit year 1999", "Fri, 31 Dec 99 23:59:59 GMT", utc(1999, 12, 31, 23, 59, 59));
    row("single-digit day", "Mon, 2 Mar 2026 10:00:00 UTC", utc(2026, 3, 2, 10, 0));
    row("no seconds", "Mon, 02 Mar 2026 10:00 GMT", utc(2026, 3, 2, 10, 0));
    row("EST", "Mon, 02 Mar 2026 10:00:00 EST", utc(2026, 3, 2, 15, 0));
    row("EDT", "Mon, 02 Mar 2026 10:00:00 EDT", utc(2026, 3, 2, 14, 0));
    row("CST", "Mon, 02 Mar 2026 10:00:00 CST", utc(2026, 3, 2, 16, 0));
    row("PST", "Mon, 02 Mar 2026 10:00:00 PST", utc(2026, 3, 2, 18, 0));
    row("PDT", "Mon, 02 Mar 2026 10:00:00 PDT", utc(2026, 3, 2, 17, 0));
    row("lowercase month", "mon, 02 mar 2026 10:00:00 gmt", utc(2026, 3, 2, 10, 0));
    row("full names", "Monday, 02 March 2026 10:00:00 GMT", utc(2026, 3, 2, 10, 0));
    row("no zone", "Mon, 02 Mar 2026 10:00:00", utc(2026, 3, 2, 10, 0));
    row("no time", "02 Mar 2026", utc(2026, 3, 2, 0, 0));
    row("dashed", "02-Mar-2026 10:00:00 +0100", utc(2026, 3, 2, 9, 0));
    row("GMT+8", "Mon, 02 Mar 2026 10:00:00 GMT+8", utc(2026, 3, 2, 2, 0));
    row("zone comment", "Mon, 02 Mar 2026 10:00:00 -0500 (EST)", utc(2026, 3, 2, 15, 0));
    row("month first", "Mar 2, 2026 10:00:00 PM GMT", utc(2026, 3, 2, 22, 0));
    row("rfc3339", "2026-03-14T09:30:00Z", utc(2026, 3, 14, 9, 30));
    row("rfc3339 offset", "2026-03-14T09:30:00+08:00", utc(2026, 3, 14, 1, 30));
    row("rfc3339 fraction", "2026-03-14T09:30:00.123456-04:00",
        QDateTime(QDate(2026, 3, 14), QTime(13, 30, 0, 123), QTimeZone::utc()));
    row("iso date only", "2026-03-14", utc(2026, 3, 14, 0, 0));
    row("iso space", "2026-03-14 09:30:00 +0800", utc(2026, 3, 14, 1, 30));
    row("compact iso", "20260314T093000Z", utc(2026, 3, 14, 9, 30));
    row("epoch seconds", "1773480600", utc(2026, 3, 14, 9, 30));
    row("epoch milliseconds", "1773480600000", utc(2026, 3, 14, 9, 30));
    row("chinese date", "2026年3月14日", utc(2026, 3, 14, 0, 0));
    row("chinese date and time", "2026年03月14日 09:30", utc(2026, 3, 14, 9, 30));
    row("chinese weekday, full-width colons", "2026年3月14日 星期六 09：30：15", utc(2026, 3, 14, 9, 30, 15));
}

void TestFeedDates::readsFeedDates()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const auto date = parseFeedDate(text);
    QVERIFY2(date.has_value(), qPrintable(text));
    QCOMPARE(*date, expected);
    QCOMPARE(date->timeSpec(), Qt::UTC);
}

void TestFeedDates::refusesNonDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("words") << QStringLiteral("yesterday afternoon");
    QTest::newRow("impossible day") << QStringLiteral("Mon, 31 Feb 2026 10:00:00 GMT");
    QTest::newRow("bad time") << QStringLiteral("Mon, 02 Mar 2026 25:00:00 GMT");
    QTest::newRow("no year") << QStringLiteral("Mon, 02 Mar 10:00:00 GMT");
    QTest::newRow("bad iso") << QStringLiteral("2026-13-40");
    QTest::newRow("bad chinese date") << QStringLiteral("2026年2月30日");
    QTest::newRow("too few digits for seconds") << QStringLiteral("177348060");
}

void TestFeedDates::refusesNonDates()
{
    QFETCH(QString, text);
    QVERIFY(!parseFeedDate(text).has_value());
}

QTEST_GUILESS_MAIN(TestFeedDates)
#include "tst_feeddates.moc"
