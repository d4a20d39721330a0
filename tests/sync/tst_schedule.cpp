#include "sync/httpfetcher.h"
#include "sync/schedule.h"

#include <QTest>
#include <QTimeZone>

using namespace folio;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 11, 29), QTime(12, 0), QTimeZone::utc());

} // namespace

class TestSchedule : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void successWaitsTheLongerOfDefaultAndTtl_data()
    {
        QTest::addColumn<int>("ttl");
        QTest::addColumn<int>("minutes");
        QTest::newRow("feed says nothing") << 0 << 60;
        QTest::newRow("ttl shorter than the default") << 5 << 60;
        QTest::newRow("ttl 3 h") << 180 << 180;
        QTest::newRow("daily sy:updatePeriod") << 1440 << 1440;
        QTest::newRow("absurd ttl capped at a week") << 1'000'000 << 7 * 24 * 60;
    }
    void successWaitsTheLongerOfDefaultAndTtl()
    {
        QFETCH(int, ttl);
        QFETCH(int, minutes);
        QCOMPARE(nextFetchAfterSuccess(kNow, ttl), kNow.addSecs(qint64(minutes) * 60));
    }

    void errorsBackOffExponentiallyUpToADay_data()
    {
        QTest::addColumn<int>("errors");
        QTest::addColumn<int>("minutes");
        QTest::newRow("first") << 1 << 15;
        QTest::newRow("second") << 2 << 30;
        QTest::newRow("third") << 3 << 60;
        QTest::newRow("seventh") << 7 << 960;
        QTest::newRow("eighth is capped") << 8 << 1440;
        QTest::newRow("hundredth") << 100 << 1440;
    }
    void errorsBackOffExponentiallyUpToADay()
    {
        QFETCH(int, errors);
        QFETCH(int, minutes);
        QCOMPARE(nextFetchAfterError(kNow, errors, std::nullopt), kNow.addSecs(qint64(minutes) * 60));
    }

    void retryAfterWinsWhenLater()
    {
        QCOMPARE(nextFetchAfterError(kNow, 1, kNow.addSecs(5 * 3600)), kNow.addSecs(5 * 3600));
        QCOMPARE(nextFetchAfterError(kNow, 1, kNow.addSecs(60)), kNow.addSecs(15 * 60));
    }

    void retryAfterHeaderForms()
    {
        QCOMPARE(parseRetryAfter("120", kNow), kNow.addSecs(120));
        QCOMPARE(parseRetryAfter(" 0 ", kNow), kNow);
        QCOMPARE(parseRetryAfter("Sun, 29 Nov 2026 15:30:00 GMT", kNow),
                 QDateTime(QDate(2026, 11, 29), QTime(15, 30), QTimeZone::utc()));
        QCOMPARE(parseRetryAfter("99999999999", kNow), kNow.addSecs(7 * 24 * 3600)); // a week at most
        QVERIFY(!parseRetryAfter("soon", kNow));
        QVERIFY(!parseRetryAfter("-5", kNow));
        QVERIFY(!parseRetryAfter("", kNow));
    }
};

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
