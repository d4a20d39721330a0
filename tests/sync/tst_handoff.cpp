#include "sync/handoff.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace folio;

class TestHandoff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valuesArriveInOrderAndNeverMoreThanTheCapacityWait()
    {
        constexpr int kValues = 2000;
        constexpr std::size_t kCapacity = 3;
        Handoff<int> handoff(kCapacity);
        std::atomic<int> put{0};
        std::thread producer([&] {
            for (int i = 0; i < kValues; ++i) {
                if (!handoff.put(i))
                    return;
                put.fetch_add(1);
            }
            handoff.finish();
        });
        int taken = 0;
        int mostAhead = 0;
        while (std::optional<int> value = handoff.take()) {
            QCOMPARE(*value, taken);
            ++taken;
            // Every value the producer has put is taken or waiting, and at most kCapacity wait.
            mostAhead = std::max(mostAhead, put.load() - taken);
        }
        producer.join();
        QCOMPARE(taken, kValues);
        QVERIFY(mostAhead <= int(kCapacity));
    }

    void finishingHandsOverWhatIsLeftFirst()
    {
        Handoff<QString> handoff(4);
        QVERIFY(handoff.put(QStringLiteral("a")));
        QVERIFY(handoff.put(QStringLiteral("b")));
        handoff.finish();
        QCOMPARE(handoff.take(), std::optional<QString>(QStringLiteral("a")));
        QCOMPARE(handoff.take(), std::optional<QString>(QStringLiteral("b")));
        QCOMPARE(handoff.take(), std::nullopt);
        QCOMPARE(handoff.take(), std::nullopt);
    }

    void abandoningReleasesAProducerThatWaits()
    {
        Handoff<int> handoff(1);
        std::atomic<int> accepted{0};
        std::atomic<bool> refused{false};
        std::thread producer([&] {
            for (int i = 0;; ++i) {
                if (!handoff.put(i)) {
                    refused = true;
                    return;
                }
                accepted.fetch_add(1);
            }
        });
        QCOMPARE(handoff.take(), std::optional<int>(0));
        // The producer fills the handoff again and waits on the next value until the consumer gives up.
        QTRY_COMPARE(accepted.load(), 2);
        handoff.abandon();
        producer.join();
        QVERIFY(refused.load());
        QCOMPARE(accepted.load(), 2);
        QCOMPARE(handoff.take(), std::nullopt);
    }
};

QTEST_APPLESS_MAIN(TestHandoff)
#include "tst_handoff.moc"
