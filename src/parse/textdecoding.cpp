#include "parse/textdecoding.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <memory>

namespace folio {

namespace {

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};

// Strict conversion through ICU: any unmappable or malformed byte is an error, never a replacement character.
Result<QString> decodeStrict(const QByteArray& bytes, const QByteArray& charset)
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset.constData(), &status));
    if (U_FAILURE(status))
        return fail(QStringLiteral("unknown character encoding \"%1\"").arg(QString::fromLatin1(charset)));
    ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);

    QString out;
    out.resize(bytes.size() * 2 + 1);
    auto* target = reinterpret_cast<UChar*>(out.data());
    UChar* const targetStart = target;
    const char* source = bytes.constData();
    const char* const sourceStart = source;
    ucnv_toUnicode(conv.get(), &target, targetStart + out.size(), &source, source + bytes.size(), nullptr, true,
                   &status);
    if (U_FAILURE(status))
        return fail(QStringLiteral("not valid %1 (bad byte near offset %2)")
                        .arg(QString::fromLatin1(charset))
                        .arg(source - sourceStart));
    out.resize(target - targetStart);
    return out;
}

} // namespace

bool hasStrayControlCharacters(QStringView text)
{
    for (QChar c : text) {
        const ushort u = c.unicode();
        if (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f')
            return true;
    }
    return false;
}

QByteArray normalizedCharset(QByteArray charset)
{
    charset = charset.trimmed().toUpper();
    // GB2312 and GBK are subsets of GB18030; real feeds label GBK text as GB2312.
    if (charset == "GB2312" || charset == "GBK" || charset == "X-GBK" || charset == "CP936")
        return "GB18030";
    // As every browser reads them (the WHATWG Encoding Standard): a feed labelled Latin-1 or ASCII is written in
    // Windows-1252 when it has curly quotes, dashes or € (bytes 0x80–0x9F), and Latin-5 and Thai likewise.
    static const char* const kLatin1[] = {"ISO-8859-1", "ISO8859-1", "ISO_8859-1", "LATIN1",     "L1",    "CP819",
                                          "IBM819",     "US-ASCII",  "ASCII",      "ISO-IR-100", "CP1252"};
    for (const char* label : kLatin1) {
        if (charset == label)
            return "WINDOWS-1252";
    }
    if (charset == "ISO-8859-9" || charset == "LATIN5" || charset == "ISO8859-9")
        return "WINDOWS-1254";
    if (charset == "TIS-620" || charset == "ISO-8859-11")
        return "WINDOWS-874";
    return charset;
}

int utf8Sequence(const unsigned char* p, qsizetype n)
{
    const unsigned char c = p[0];
    int len = 0;
    unsigned int cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return -len;
    for (int k = 1; k < len; ++k) {
        if ((p[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

qsizetype firstInvalidUtf8(const QByteArray& bytes)
{
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        const int len = utf8Sequence(p + i, n - i);
        if (len <= 0)
            return i;
        i += len;
    }
    return -1;
}

Result<DecodedText> decodeText(const QByteArray& bytes, const QByteArray& declaredCharset)
{
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        const QByteArray rest = bytes.mid(3);
        if (const qsizetype bad = firstInvalidUtf8(rest); bad >= 0)
            return fail(
                QStringLiteral("not valid UTF-8 despite its byte-order mark (bad byte at offset %1)").arg(bad + 3));
        return DecodedText{QString::fromUtf8(rest), QStringLiteral("UTF-8")};
    }
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        const QByteArray charset = bytes.startsWith("\xFF\xFE") ? "UTF-16LE" : "UTF-16BE";
        auto text = decodeStrict(bytes.mid(2), charset);
        if (!text)
            return fail(text.error());
        return DecodedText{text.value(), QString::fromLatin1(charset)};
    }

    const QByteArray declared = normalizedCharset(declaredCharset);
    const qsizetype bad = firstInvalidUtf8(bytes);
    if (!declared.isEmpty() && declared != "UTF-8" && declared != "UTF8") {
        // Multi-byte text that is valid UTF-8 is UTF-8 whatever the label says: legacy encodings almost
        // never form valid UTF-8 by chance, while servers that label UTF-8 as ISO-8859-1 or GB2312 are common.
        const bool wide = declared.startsWith("UTF-16") || declared.startsWith("UTF-32");
        if (bad < 0 && !wide && std::any_of(bytes.begin(), bytes.end(), [](char c) { return c & 0x80; }))
            return DecodedText{QString::fromUtf8(bytes), QStringLiteral("UTF-8")};
        auto text = decodeStrict(bytes, declared);
        if (text)
            return DecodedText{text.value(), QString::fromLatin1(declared)};
        // A wrong declaration over valid UTF-8 is common; fall through rather than lose the document.
        if (bad >= 0)
            return fail(text.error());
    }

    if (bad < 0)
        return DecodedText{QString::fromUtf8(bytes), QStringLiteral("UTF-8")};

    // Undeclared and not UTF-8: GB18030 is the one legacy encoding common in this field's sources.
    auto gb = decodeStrict(bytes, "GB18030");
    if (gb && !hasStrayControlCharacters(gb.value()))
        return DecodedText{gb.value(), QStringLiteral("GB18030")};
    return fail(QStringLiteral("not UTF-8 text (invalid byte 0x%1 at offset %2) and not GB18030 either")
                    .arg(static_cast<unsigned char>(bytes.at(bad)), 2, 16, QLatin1Char('0'))
                    .arg(bad));
}

} // namespace folio
