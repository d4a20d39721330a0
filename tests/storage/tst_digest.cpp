// Digest (OpenSSL) gives the standard SHA-1 and SHA-256: stored content and body hashes made by QCryptographicHash
// before stay valid.
#include "storage/digest.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

using namespace folio;

class TestDigest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameAsQtInAnyPieces()
    {
        QByteArray bytes(200'003, Qt::Uninitialized);
        QRandomGenerator random(7);
        for (char& b : bytes)
            b = char(random.bounded(256));
        const struct {
            Digest::Algorithm ours;
            QCryptographicHash::Algorithm qt;
        } pairs[] = {{Digest::Algorithm::Sha1, QCryptographicHash::Sha1},
                     {Digest::Algorithm::Sha256, QCryptographicHash::Sha256}};
        for (const auto& pair : pairs) {
            for (const qsizetype size : {qsizetype(0), qsizetype(1), qsizetype(63), qsizetype(64), qsizetype(65),
                                         qsizetype(1000), bytes.size()}) {
                const QByteArrayView part(bytes.constData(), size);
                const QByteArray expected = QCryptographicHash::hash(part, pair.qt);
                QCOMPARE(Digest::hash(part, pair.ours), expected);
                Digest pieces(pair.ours);
                for (qsizetype at = 0; at < size; at += 7)
                    pieces.addData(part.sliced(at, qMin<qsizetype>(7, size - at)));
                QCOMPARE(pieces.result(), expected);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestDigest)
#include "tst_digest.moc"
