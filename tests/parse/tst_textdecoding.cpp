#include "parse/textdecoding.h"

#include <QStringDecoder>
#include <QTest>

using namespace folio;

namespace {

// Bytes written as hex ("B1 E0 C2 EB"): spaces are skipped by fromHex.
QByteArray hex(const char* digits)
{
    return QByteArray::fromHex(QByteArray(digits));
}

QByteArray utf8(const QString& text)
{
    return text.toUtf8();
}

} // namespace

class TestTextDecoding : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decodes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("declared");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("encoding");

        const QString chinese = QStringLiteral("位置编码 (positional encoding)");
        const QString utf8Name = QStringLiteral("UTF-8");
        const QString gb = QStringLiteral("GB18030");

        // Plain UTF-8, no declaration.
        QTest::newRow("utf8 chinese") << utf8(chinese) << QByteArray() << chinese << utf8Name;
        QTest::newRow("ascii") << QByteArray("plain ascii") << QByteArray() << QStringLiteral("plain ascii")
                               << utf8Name;
        QTest::newRow("empty") << QByteArray() << QByteArray() << QString() << utf8Name;
        QTest::newRow("utf8 emoji") << hex("F0 9F 98 80") << QByteArray() << QStringLiteral("😀") << utf8Name;
        QTest::newRow("utf8 declared utf-8") << utf8(chinese) << QByteArray("utf-8") << chinese << utf8Name;
        QTest::newRow("utf8 declared UTF8") << utf8(chinese) << QByteArray(" UTF8 ") << chinese << utf8Name;

        // Byte-order marks win over everything, and are not part of the text.
        QTest::newRow("utf8 bom stripped")
            << QByteArray(hex("EF BB BF") + utf8(chinese)) << QByteArray() << chinese << utf8Name;
        QTest::newRow("utf8 bom beats declared gbk")
            << QByteArray(hex("EF BB BF") + utf8(chinese)) << QByteArray("GBK") << chinese << utf8Name;
        QTest::newRow("utf8 bom only") << hex("EF BB BF") << QByteArray() << QString() << utf8Name;
        QTest::newRow("utf16le bom") << hex("FF FE 2D 4E 87 65") << QByteArray() << QStringLiteral("中文")
                                     << QStringLiteral("UTF-16LE");
        QTest::newRow("utf16be bom") << hex("FE FF 4E 2D 65 87") << QByteArray() << QStringLiteral("中文")
                                     << QStringLiteral("UTF-16BE");
        QTest::newRow("utf16le bom ascii")
            << hex("FF FE 41 00 0A 00") << QByteArray() << QStringLiteral("A\n") << QStringLiteral("UTF-16LE");
        QTest::newRow("utf16le surrogate pair")
            << hex("FF FE 3D D8 00 DE") << QByteArray() << QStringLiteral("😀") << QStringLiteral("UTF-16LE");
        QTest::newRow("utf16be bom beats declared")
            << hex("FE FF 00 41") << QByteArray("ISO-8859-1") << QStringLiteral("A") << QStringLiteral("UTF-16BE");

        // Undeclared bytes that are not UTF-8 are tried as GB18030.
        QTest::newRow("gbk undeclared") << hex("B1 E0 C2 EB") << QByteArray() << QStringLiteral("编码") << gb;
        QTest::newRow("gbk undeclared with ascii")
            << QByteArray(QByteArray("title: ") + hex("CE BB D6 C3 B1 E0 C2 EB") + QByteArray("\n")) << QByteArray()
            << QStringLiteral("title: 位置编码\n") << gb;
        QTest::newRow("gb18030 four-byte emoji") << hex("94 39 FC 36") << QByteArray() << QStringLiteral("😀") << gb;
        QTest::newRow("gb18030 euro") << hex("A2 E3") << QByteArray() << QStringLiteral("€") << gb;

        // Declared charsets; GB2312 and GBK are read as their superset GB18030.
        QTest::newRow("declared GBK") << hex("B1 E0 C2 EB") << QByteArray("GBK") << QStringLiteral("编码") << gb;
        QTest::newRow("declared gb2312 lowercase padded")
            << hex("B1 E0 C2 EB") << QByteArray(" gb2312 ") << QStringLiteral("编码") << gb;
        QTest::newRow("declared x-gbk") << hex("B1 E0 C2 EB") << QByteArray("x-gbk") << QStringLiteral("编码") << gb;
        QTest::newRow("declared cp936") << hex("B1 E0 C2 EB") << QByteArray("cp936") << QStringLiteral("编码") << gb;
        QTest::newRow("declared GB18030") << hex("94 39 FC 36") << QByteArray("GB18030") << QStringLiteral("😀") << gb;
        QTest::newRow("declared Big5") << hex("A4 A4 A4 E5 BD 73 BD 58") << QByteArray("Big5")
                                       << QStringLiteral("中文編碼") << QStringLiteral("BIG5");
        QTest::newRow("declared iso-8859-1")
            << QByteArray("caf\xE9 na\xEF"
                          "ve")
            << QByteArray("iso-8859-1") << QStringLiteral("café naïve") << QStringLiteral("WINDOWS-1252");
        QTest::newRow("declared iso-8859-15 euro")
            << hex("A4") << QByteArray("ISO-8859-15") << QStringLiteral("€") << QStringLiteral("ISO-8859-15");
        QTest::newRow("declared windows-1252")
            << hex("80 93 94") << QByteArray("windows-1252") << QStringLiteral("€“”") << QStringLiteral("WINDOWS-1252");
        // Multi-byte text that is valid UTF-8 is read as UTF-8 whatever the label says.
        QTest::newRow("declared latin1 over utf8 bytes")
            << hex("C3 A9") << QByteArray("ISO-8859-1") << QStringLiteral("é") << utf8Name;
        QTest::newRow("declared gb2312 over utf8 chinese")
            << utf8(QStringLiteral("编码")) << QByteArray("GB2312") << QStringLiteral("编码") << utf8Name;

        // A wrong declaration the bytes do not fit falls back to UTF-8 rather than losing the document.
        QTest::newRow("wrong us-ascii over utf8") << utf8(chinese) << QByteArray("US-ASCII") << chinese << utf8Name;
        QTest::newRow("wrong big5 over utf8")
            << utf8(QStringLiteral("编码")) << QByteArray("Big5") << QStringLiteral("编码") << utf8Name;
        QTest::newRow("wrong utf-16 over odd-length utf8")
            << QByteArray("abc") << QByteArray("UTF-16LE") << QStringLiteral("abc") << utf8Name;
        QTest::newRow("unknown charset over utf8")
            << utf8(chinese) << QByteArray("x-no-such-charset") << chinese << utf8Name;
    }

    void decodes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, declared);
        QFETCH(QString, text);
        QFETCH(QString, encoding);

        const auto decoded = decodeText(bytes, declared);
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error()));
        QCOMPARE(decoded->text, text);
        QCOMPARE(decoded->encoding, encoding);
        QVERIFY(!decoded->text.contains(QChar(QChar::ReplacementCharacter)));
        QVERIFY(!decoded->text.startsWith(QChar(0xFEFF)));
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("declared");
        QTest::addColumn<QStringList>("errorParts");

        // 0x80 can start nothing in UTF-8 nor in GB18030.
        QTest::newRow("binary garbage") << QByteArray(QByteArray("abc") + hex("80 00 01 02")) << QByteArray()
                                        << QStringList{QStringLiteral("offset 3"), QStringLiteral("0x80")};
        // A PNG header: 0x89 0x50 is a GB18030 pair, but control characters follow.
        QTest::newRow("png header") << hex("89 50 4E 47 0D 0A 1A 0A 00 00 00 0D 49 48 44 52") << QByteArray()
                                    << QStringList{QStringLiteral("offset 0"), QStringLiteral("0x89")};
        QTest::newRow("lone 0xff after text") << QByteArray(QByteArray("hello ") + hex("FF")) << QByteArray()
                                              << QStringList{QStringLiteral("offset 6"), QStringLiteral("0xff")};
        QTest::newRow("invalid utf8 after utf8 bom")
            << QByteArray(hex("EF BB BF") + QByteArray("ab") + hex("FF")) << QByteArray()
            << QStringList{QStringLiteral("byte-order mark"), QStringLiteral("offset 5")};
        QTest::newRow("gbk bytes after utf8 bom") << QByteArray(hex("EF BB BF B1 E0 C2 EB")) << QByteArray()
                                                  << QStringList{QStringLiteral("UTF-8"), QStringLiteral("offset 3")};
        QTest::newRow("utf16le odd length")
            << hex("FF FE 2D 4E 87") << QByteArray() << QStringList{QStringLiteral("UTF-16LE")};
        QTest::newRow("utf16be lone surrogate")
            << hex("FE FF D8 00 00 41") << QByteArray() << QStringList{QStringLiteral("UTF-16BE")};
        // Declared GBK over bytes that are neither GBK nor UTF-8: the declared decoder's error is reported.
        QTest::newRow("declared gbk, bad bytes") << QByteArray(QByteArray("ok ") + hex("80 FF")) << QByteArray("GBK")
                                                 << QStringList{QStringLiteral("GB18030")};
        QTest::newRow("unknown charset over non-utf8") << hex("B1 E0 C2 EB") << QByteArray("x-no-such-charset")
                                                       << QStringList{QStringLiteral("x-no-such-charset")};
    }

    void refuses()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, declared);
        QFETCH(QStringList, errorParts);

        const auto decoded = decodeText(bytes, declared);
        QVERIFY2(!decoded.ok(), qPrintable(decoded.ok() ? decoded->text : QString()));
        for (const QString& part : errorParts)
            QVERIFY2(decoded.error().contains(part, Qt::CaseInsensitive), qPrintable(decoded.error()));
    }

    void firstInvalidUtf8_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qsizetype>("offset");

        QTest::newRow("empty") << QByteArray() << qsizetype(-1);
        QTest::newRow("ascii") << QByteArray("hello\n\t") << qsizetype(-1);
        QTest::newRow("chinese") << utf8(QStringLiteral("编码")) << qsizetype(-1);
        QTest::newRow("U+0080") << hex("C2 80") << qsizetype(-1);
        QTest::newRow("U+07FF") << hex("DF BF") << qsizetype(-1);
        QTest::newRow("U+0800") << hex("E0 A0 80") << qsizetype(-1);
        QTest::newRow("U+D7FF") << hex("ED 9F BF") << qsizetype(-1);
        QTest::newRow("U+E000") << hex("EE 80 80") << qsizetype(-1);
        QTest::newRow("U+FFFF") << hex("EF BF BF") << qsizetype(-1);
        QTest::newRow("U+10000") << hex("F0 90 80 80") << qsizetype(-1);
        QTest::newRow("U+10FFFF") << hex("F4 8F BF BF") << qsizetype(-1);

        QTest::newRow("overlong 2-byte C0 80") << QByteArray(QByteArray("ab") + hex("C0 80")) << qsizetype(2);
        QTest::newRow("overlong 2-byte C1 BF") << hex("C1 BF") << qsizetype(0);
        QTest::newRow("overlong 3-byte NUL") << hex("E0 80 80") << qsizetype(0);
        QTest::newRow("overlong 3-byte U+07FF") << hex("E0 9F BF") << qsizetype(0);
        QTest::newRow("overlong 4-byte NUL") << hex("F0 80 80 80") << qsizetype(0);
        QTest::newRow("overlong 4-byte U+FFFF") << hex("F0 8F BF BF") << qsizetype(0);
        QTest::newRow("surrogate D800") << hex("ED A0 80") << qsizetype(0);
        QTest::newRow("surrogate DFFF") << hex("ED BF BF") << qsizetype(0);
        QTest::newRow("surrogate after text") << QByteArray(QByteArray("x") + hex("ED B0 80")) << qsizetype(1);
        QTest::newRow("cesu-8 emoji") << hex("ED A0 BD ED B8 80") << qsizetype(0);
        QTest::newRow("U+110000") << hex("F4 90 80 80") << qsizetype(0);
        QTest::newRow("F5 lead") << hex("F5 80 80 80") << qsizetype(0);
        QTest::newRow("5-byte form") << hex("F8 88 80 80 80") << qsizetype(0);
        QTest::newRow("FE") << hex("FE") << qsizetype(0);
        QTest::newRow("FF") << hex("FF") << qsizetype(0);
        QTest::newRow("truncated 3-byte at end") << QByteArray(QByteArray("ab") + hex("E7 BC")) << qsizetype(2);
        QTest::newRow("truncated 4-byte at end") << hex("F0 9F 98") << qsizetype(0);
        QTest::newRow("truncated 2-byte at end") << hex("C3") << qsizetype(0);
        QTest::newRow("truncated then ascii") << QByteArray(hex("E7 BC") + QByteArray("A")) << qsizetype(0);
        QTest::newRow("lone continuation") << hex("80") << qsizetype(0);
        QTest::newRow("continuation after ascii") << QByteArray(QByteArray("abc") + hex("BF")) << qsizetype(3);
        QTest::newRow("bad after multibyte") << QByteArray(utf8(QStringLiteral("编")) + hex("FF")) << qsizetype(3);
        QTest::newRow("gbk bytes") << hex("B1 E0 C2 EB") << qsizetype(0);
    }

    void firstInvalidUtf8()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qsizetype, offset);
        QCOMPARE(folio::firstInvalidUtf8(bytes), offset);
    }

    void firstInvalidUtf8AcceptsEveryScalarValue()
    {
        for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
            if (cp >= 0xD800 && cp <= 0xDFFF)
                continue;
            const QByteArray bytes = QString::fromUcs4(&cp, 1).toUtf8();
            if (folio::firstInvalidUtf8(bytes) != -1)
                QFAIL(qPrintable(QStringLiteral("U+%1 refused").arg(uint(cp), 4, 16, QLatin1Char('0'))));
        }
    }

    void firstInvalidUtf8AgreesWithQtOnEveryTwoBytePair()
    {
        for (int a = 0; a < 256; ++a) {
            for (int b = 0; b < 256; ++b) {
                const char raw[2] = {char(a), char(b)};
                const QByteArray bytes(raw, 2);
                QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
                const QString decoded = decoder(bytes);
                const bool qtValid = !decoder.hasError();
                if ((folio::firstInvalidUtf8(bytes) < 0) != qtValid)
                    QFAIL(qPrintable(QStringLiteral("disagree on %1").arg(QString::fromLatin1(bytes.toHex(' ')))));
            }
        }
    }

    void decodeMatchesFirstInvalidUtf8Offset()
    {
        // Undecodable input names the same offset firstInvalidUtf8 finds.
        const QByteArray bytes = QByteArray(utf8(QStringLiteral("编码 ok ")) + hex("80 00"));
        const qsizetype bad = folio::firstInvalidUtf8(bytes);
        QCOMPARE(bad, qsizetype(10));
        const auto decoded = decodeText(bytes);
        QVERIFY(!decoded.ok());
        QVERIFY2(decoded.error().contains(QStringLiteral("offset %1").arg(bad)), qPrintable(decoded.error()));
    }
};

QTEST_GUILESS_MAIN(TestTextDecoding)
#include "tst_textdecoding.moc"
