#include "parse/dates.h"

#include <QTest>
#include <QTimeZone>

using namespace folio;

namespace {

QDateTime utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc());
}

} // namespace

class TestDates : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parseLooseDate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected"); // invalid: nullopt

        const QDateTime none;
        QTest::newRow("date only") << QStringLiteral("2026-03-14") << utc(2026, 3, 14);
        QTest::newRow("date single digits") << QStringLiteral("2026-3-4") << utc(2026, 3, 4);
        QTest::newRow("leap day") << QStringLiteral("2024-02-29") << utc(2024, 2, 29);
        QTest::newRow("surrounding space") << QStringLiteral("  2026-03-14\t") << utc(2026, 3, 14);
        QTest::newRow("T with Z") << QStringLiteral("2026-03-14T09:30:00Z") << utc(2026, 3, 14, 9, 30);
        QTest::newRow("T with lowercase z") << QStringLiteral("2026-03-14T09:30:00z") << utc(2026, 3, 14, 9, 30);
        QTest::newRow("T with +08:00") << QStringLiteral("2026-03-14T09:30:00+08:00") << utc(2026, 3, 14, 1, 30);
        QTest::newRow("space with +0800") << QStringLiteral("2026-03-14 09:30:00 +0800") << utc(2026, 3, 14, 1, 30);
        QTest::newRow("hours-only offset") << QStringLiteral("2026-03-14T09:30:00+08") << utc(2026, 3, 14, 1, 30);
        QTest::newRow("+05:30 offset") << QStringLiteral("2026-03-14T09:30:00+05:30") << utc(2026, 3, 14, 4, 0);
        QTest::newRow("offset crosses midnight back")
            << QStringLiteral("2026-03-14T01:30:00+08:00") << utc(2026, 3, 13, 17, 30);
        QTest::newRow("negative offset") << QStringLiteral("2026-03-14T09:30:00-05:00") << utc(2026, 3, 14, 14, 30);
        QTest::newRow("negative offset crosses midnight")
            << QStringLiteral("2026-03-14T20:00:00-0500") << utc(2026, 3, 15, 1, 0);
        QTest::newRow("offset crosses year") << QStringLiteral("2026-01-01 00:30 +01:00") << utc(2025, 12, 31, 23, 30);
        QTest::newRow("space without seconds") << QStringLiteral("2026-03-14 09:30") << utc(2026, 3, 14, 9, 30);
        QTest::newRow("space with seconds") << QStringLiteral("2026-03-14 09:30:15") << utc(2026, 3, 14, 9, 30, 15);
        QTest::newRow("single-digit hour") << QStringLiteral("2026-03-14T9:05Z") << utc(2026, 3, 14, 9, 5);
        QTest::newRow("fractional millis")
            << QStringLiteral("2026-03-14T09:30:15.123Z") << utc(2026, 3, 14, 9, 30, 15, 123);
        QTest::newRow("fraction one digit")
            << QStringLiteral("2026-03-14T09:30:15.5Z") << utc(2026, 3, 14, 9, 30, 15, 500);
        QTest::newRow("fraction nanos truncated")
            << QStringLiteral("2026-03-14T09:30:15.123456789+00:00") << utc(2026, 3, 14, 9, 30, 15, 123);
        QTest::newRow("fraction with comma")
            << QStringLiteral("2026-03-14 09:30:15,25") << utc(2026, 3, 14, 9, 30, 15, 250);
        QTest::newRow("slashes") << QStringLiteral("2026/03/14") << utc(2026, 3, 14);
        QTest::newRow("slashes with time") << QStringLiteral("2026/03/14 09:30") << utc(2026, 3, 14, 9, 30);
        QTest::newRow("UTC suffix") << QStringLiteral("2026-03-14 09:30:00 UTC") << utc(2026, 3, 14, 9, 30);
        QTest::newRow("GMT suffix") << QStringLiteral("2026-03-14 09:30 GMT") << utc(2026, 3, 14, 9, 30);
        QTest::newRow("no zone is UTC") << QStringLiteral("2026-03-14T23:59:59") << utc(2026, 3, 14, 23, 59, 59);

        QTest::newRow("month 13") << QStringLiteral("2026-13-01") << none;
        QTest::newRow("month 0") << QStringLiteral("2026-00-10") << none;
        QTest::newRow("Feb 30") << QStringLiteral("2026-02-30") << none;
        QTest::newRow("Feb 29 non-leap") << QStringLiteral("2026-02-29") << none;
        QTest::newRow("day 32") << QStringLiteral("2026-03-32") << none;
        QTest::newRow("hour 24") << QStringLiteral("2026-03-14T24:00:00Z") << none;
        QTest::newRow("minute 60") << QStringLiteral("2026-03-14T09:60Z") << none;
        QTest::newRow("second 61") << QStringLiteral("2026-03-14T09:30:61Z") << none;
        QTest::newRow("offset hours 24") << QStringLiteral("2026-03-14T09:30:00+24:00") << none;
        QTest::newRow("offset minutes 60") << QStringLiteral("2026-03-14T09:30:00+08:60") << none;
        QTest::newRow("garbage") << QStringLiteral("garbage") << none;
        QTest::newRow("empty") << QString() << none;
        QTest::newRow("blank") << QStringLiteral("   ") << none;
        QTest::newRow("day first") << QStringLiteral("14/03/2026") << none;
        QTest::newRow("words") << QStringLiteral("March 14, 2026") << none;
        QTest::newRow("two-digit year") << QStringLiteral("26-03-14") << none;
        QTest::newRow("year and month only") << QStringLiteral("2026-03") << none;
        QTest::newRow("trailing words") << QStringLiteral("2026-03-14 extra") << none;
        QTest::newRow("dangling T") << QStringLiteral("2026-03-14T") << none;
        QTest::newRow("named zone") << QStringLiteral("2026-03-14 09:30 CST") << none;
    }

    void parseLooseDate()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);

        const std::optional<QDateTime> parsed = folio::parseLooseDate(text);
        if (!expected.isValid()) {
            QVERIFY2(!parsed.has_value(), qPrintable(parsed->toString(Qt::ISODateWithMs)));
            return;
        }
        QVERIFY(parsed.has_value());
        QVERIFY(parsed->isValid());
        // Always normalised to UTC: the wall-clock fields are the UTC ones, whatever the source zone.
        QCOMPARE(parsed->offsetFromUtc(), 0);
        QCOMPARE(parsed->date(), expected.date());
        QCOMPARE(parsed->time(), expected.time());
        QCOMPARE(*parsed, expected);
    }

    void zoneFormsAgreeOnTheInstant()
    {
        const QStringList forms{
            QStringLiteral("2026-03-14T09:30:00+08:00"), QStringLiteral("2026-03-14T09:30:00+0800"),
            QStringLiteral("2026-03-14 09:30:00 +08"),   QStringLiteral("2026-03-14T01:30:00Z"),
            QStringLiteral("2026/03/14 01:30 UTC"),      QStringLiteral("2026-03-13T20:30:00-05:00")};
        for (const QString& form : forms) {
            const auto parsed = folio::parseLooseDate(form);
            QVERIFY2(parsed.has_value(), qPrintable(form));
            QCOMPARE(parsed->toMSecsSinceEpoch(), utc(2026, 3, 14, 1, 30).toMSecsSinceEpoch());
        }
    }

    void dateFromFileName_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QDateTime>("expected");

        const QDateTime none;
        QTest::newRow("jekyll dash") << QStringLiteral("2026-03-14-my-post.md") << utc(2026, 3, 14);
        QTest::newRow("underscore") << QStringLiteral("2026-03-14_my_post.md") << utc(2026, 3, 14);
        QTest::newRow("space") << QStringLiteral("2026-03-14 my post.markdown") << utc(2026, 3, 14);
        QTest::newRow("date then extension") << QStringLiteral("2026-03-14.md") << utc(2026, 3, 14);
        QTest::newRow("date alone") << QStringLiteral("2026-03-14") << utc(2026, 3, 14);
        QTest::newRow("chinese title") << QStringLiteral("2025-12-31-位置编码.md") << utc(2025, 12, 31);
        QTest::newRow("leap day") << QStringLiteral("2024-02-29-leap.md") << utc(2024, 2, 29);
        QTest::newRow("no separator") << QStringLiteral("2026-03-14my-post.md") << none;
        QTest::newRow("no date") << QStringLiteral("my-post.md") << none;
        QTest::newRow("single-digit month") << QStringLiteral("2026-3-14-post.md") << none;
        QTest::newRow("impossible date") << QStringLiteral("2026-02-30-post.md") << none;
        QTest::newRow("month 13") << QStringLiteral("2026-13-01-post.md") << none;
        QTest::newRow("date at end") << QStringLiteral("post-2026-03-14.md") << none;
        QTest::newRow("compact date") << QStringLiteral("20260314-post.md") << none;
        QTest::newRow("slashes") << QStringLiteral("2026/03/14-post.md") << none;
        QTest::newRow("empty") << QString() << none;
    }

    void dateFromFileName()
    {
        QFETCH(QString, fileName);
        QFETCH(QDateTime, expected);

        const std::optional<QDateTime> parsed = folio::dateFromFileName(fileName);
        if (!expected.isValid()) {
            QVERIFY2(!parsed.has_value(), qPrintable(parsed->toString(Qt::ISODate)));
            return;
        }
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->offsetFromUtc(), 0);
        QCOMPARE(*parsed, expected);
        QCOMPARE(parsed->time(), QTime(0, 0));
    }
};

QTEST_GUILESS_MAIN(TestDates)
#include "tst_dates.moc"
