#include "parse/feedtextdecoder.h"

#include "parse/feedsniff.h"
#include "parse/textdecoding.h"

#include <QIODevice>

#include <unicode/ucnv.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace folio {

namespace {

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// A converter that stops at any unmappable or malformed byte, as decodeText's strict conversion does.
Converter strictConverter(const QByteArray& charset)
{
    UErrorCode status = U_ZERO_ERROR;
    Converter conv(ucnv_open(charset.constData(), &status));
    if (U_FAILURE(status))
        return nullptr;
    ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    return conv;
}

// Converts [source, end) onto the end of `out`; the converter keeps a character the bytes cut until the next call.
// `source` is left where the conversion stopped.
UErrorCode convert(UConverter* conv, const char*& source, const char* end, bool flush, QString& out)
{
    UErrorCode status = U_ZERO_ERROR;
    for (;;) {
        const qsizetype had = out.size();
        out.resize(had + (end - source) + 16);
        auto* target = reinterpret_cast<UChar*>(out.data()) + had;
        UChar* const targetStart = target;
        status = U_ZERO_ERROR;
        ucnv_toUnicode(conv, &target, reinterpret_cast<UChar*>(out.data()) + out.size(), &source, end, nullptr, flush,
                       &status);
        out.resize(had + (target - targetStart));
        if (status != U_BUFFER_OVERFLOW_ERROR)
            return status;
    }
}

// Where to cut UTF-8 bytes so that no character is split: before a multi-byte sequence the bytes end inside.
qsizetype utf8Boundary(const QByteArray& bytes)
{
    const qsizetype n = bytes.size();
    for (qsizetype k = n - 1; k >= 0 && k >= n - 3; --k) {
        const auto b = static_cast<unsigned char>(bytes[k]);
        if ((b & 0xC0) == 0x80)
            continue;
        if (b < 0x80)
            return n;
        const int len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        return k + len > n ? k : n;
    }
    return n;
}

} // namespace

struct FeedTextDecoder::Icu {
    Converter conv;
};

// What firstInvalidUtf8 and decodeFeedBytes' count of bad spots say about the bytes, gathered a piece at a time.
struct FeedTextDecoder::Utf8Count {
    qint64 bad = 0;          // bad spots: each restarts the check one byte later
    qint64 good = 0;         // valid multi-byte characters
    qint64 firstBad = -1;    // offset of the first bad spot
    unsigned char badByte{}; // the byte there
    bool high = false;       // any byte ≥ 0x80

    bool valid() const { return bad == 0; }
};

FeedTextDecoder::FeedTextDecoder(QIODevice& device, const QByteArray& httpCharset, qint64 pieceBytes)
    : m_device(device)
    , m_pieceBytes(qMax<qint64>(4, pieceBytes))
    , m_size(device.size())
{
    const QByteArray head = readBytes(0, 256);
    m_declared = !httpCharset.trimmed().isEmpty() ? httpCharset : xmlDeclaredEncoding(head);
    const QByteArray label = m_declared.trimmed().toUpper();
    const bool utf8Label = label.isEmpty() || label == "UTF-8" || label == "UTF8";
    const bool bom16 = head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF");
    const Utf8Count count = countUtf8(m_size);
    const auto useUtf8 = [this](qint64 begin) {
        m_icuCharset.clear();
        m_begin = begin;
        m_end = m_size;
        m_encoding = QStringLiteral("UTF-8");
    };
    if (utf8Label && !bom16) {
        // As decodeFeedBytes: a UTF-8 feed with a stray bad byte must not become GB18030 mojibake.
        if (count.valid()) {
            useUtf8(head.startsWith("\xEF\xBB\xBF") ? 3 : 0);
            return;
        }
        if (count.good >= 4 * count.bad) {
            useUtf8(0);
            m_warnings << QStringLiteral("replaced %1 bytes that are not UTF-8").arg(count.bad);
            return;
        }
    }
    QString error;
    if (decodeText(m_size, count, error))
        return;
    // A download cut inside a multi-byte character: the rest still decodes.
    for (qint64 cut = 1; cut <= 3 && cut < m_size; ++cut) {
        QString ignored;
        if (decodeText(m_size - cut, countUtf8(m_size - cut), ignored)) {
            m_warnings << QStringLiteral("dropped an incomplete character at the end");
            return;
        }
    }
    useUtf8(0);
    m_warnings << error + QStringLiteral(": read as UTF-8, bad bytes replaced");
}

FeedTextDecoder::~FeedTextDecoder() = default;

QByteArray FeedTextDecoder::readBytes(qint64 at, qint64 max)
{
    if (max <= 0 || !m_device.seek(at))
        return {};
    return m_device.read(max);
}

FeedTextDecoder::Utf8Count FeedTextDecoder::countUtf8(qint64 limit)
{
    Utf8Count count;
    QByteArray carry;
    qint64 at = 0;   // bytes read
    qint64 base = 0; // offset of the buffer's first byte
    const bool whole = limit == m_size;
    for (bool last = false; !last;) {
        const QByteArray piece = readBytes(at, qMin(m_pieceBytes, limit - at));
        at += piece.size();
        last = at >= limit || piece.isEmpty();
        if (whole && m_blank) {
            m_blank =
                std::all_of(piece.cbegin(), piece.cend(), [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
        }
        const QByteArray buffer = carry + piece;
        carry.clear();
        const auto* p = reinterpret_cast<const unsigned char*>(buffer.constData());
        const qsizetype n = buffer.size();
        qsizetype i = 0;
        while (i < n) {
            // Markup is ASCII: eight bytes at a time while they are.
            std::uint64_t word = 0;
            while (i + 8 <= n && (std::memcpy(&word, p + i, 8), (word & 0x8080808080808080ULL) == 0))
                i += 8;
            if (i >= n)
                break;
            const unsigned char c = p[i];
            if (c < 0x80) {
                ++i;
                continue;
            }
            count.high = true;
            const int len = utf8Sequence(p + i, n - i);
            if (len < 0 && !last) {
                carry = buffer.mid(i); // the next piece completes it
                break;
            }
            if (len <= 0) {
                if (count.bad++ == 0) {
                    count.firstBad = base + i;
                    count.badByte = p[i];
                }
                ++i;
                continue;
            }
            ++count.good;
            i += len;
        }
        base += n - carry.size();
    }
    return count;
}

// decodeText over the first `limit` bytes: chooses how read() decodes them, or says why none fits.
bool FeedTextDecoder::decodeText(qint64 limit, const Utf8Count& count, QString& error)
{
    const QByteArray head = readBytes(0, qMin<qint64>(4, limit));
    m_end = limit;
    m_icuCharset.clear();
    if (head.startsWith("\xEF\xBB\xBF")) {
        if (!count.valid()) {
            error = QStringLiteral("not valid UTF-8 despite its byte-order mark (bad byte at offset %1)")
                        .arg(count.firstBad);
            return false;
        }
        m_begin = 3;
        m_encoding = QStringLiteral("UTF-8");
        return true;
    }
    if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF")) {
        const QByteArray charset = head.startsWith("\xFF\xFE") ? "UTF-16LE" : "UTF-16BE";
        if (!strictTrial(charset, 2, limit, false, error))
            return false;
        m_icuCharset = charset;
        m_begin = 2;
        m_encoding = QString::fromLatin1(charset);
        return true;
    }
    m_begin = 0;
    const QByteArray declared = normalizedCharset(m_declared);
    if (!declared.isEmpty() && declared != "UTF-8" && declared != "UTF8") {
        // Multi-byte text that is valid UTF-8 is UTF-8 whatever the label says (see decodeText).
        const bool wide = declared.startsWith("UTF-16") || declared.startsWith("UTF-32");
        if (count.valid() && !wide && count.high) {
            m_encoding = QStringLiteral("UTF-8");
            return true;
        }
        QString trialError;
        if (strictTrial(declared, 0, limit, false, trialError)) {
            m_icuCharset = declared;
            m_encoding = QString::fromLatin1(declared);
            return true;
        }
        if (!count.valid()) {
            error = trialError;
            return false;
        }
    }
    if (count.valid()) {
        m_encoding = QStringLiteral("UTF-8");
        return true;
    }
    // Undeclared and not UTF-8: GB18030 is the one legacy encoding common in this field's sources.
    QString ignored;
    if (strictTrial("GB18030", 0, limit, true, ignored)) {
        m_icuCharset = "GB18030";
        m_encoding = QStringLiteral("GB18030");
        return true;
    }
    error = QStringLiteral("not UTF-8 text (invalid byte 0x%1 at offset %2) and not GB18030 either")
                .arg(count.badByte, 2, 16, QLatin1Char('0'))
                .arg(count.firstBad);
    return false;
}

// Does a strict conversion of bytes [from, limit) succeed (and, when asked, give no stray control characters)?
bool FeedTextDecoder::strictTrial(const QByteArray& charset, qint64 from, qint64 limit, bool refuseControls,
                                  QString& error)
{
    Converter conv = strictConverter(charset);
    if (!conv) {
        error = QStringLiteral("unknown character encoding \"%1\"").arg(QString::fromLatin1(charset));
        return false;
    }
    QString scratch;
    for (qint64 at = from;;) {
        const QByteArray piece = readBytes(at, qMin(m_pieceBytes, limit - at));
        const bool last = at + piece.size() >= limit || piece.isEmpty();
        const char* source = piece.constData();
        scratch.clear();
        const UErrorCode status = convert(conv.get(), source, source + piece.size(), last, scratch);
        if (U_FAILURE(status)) {
            error = QStringLiteral("not valid %1 (bad byte near offset %2)")
                        .arg(QString::fromLatin1(charset))
                        .arg(at - from + (source - piece.constData()));
            return false;
        }
        if (refuseControls && hasStrayControlCharacters(scratch))
            return false;
        at += piece.size();
        if (last)
            return true;
    }
}

void FeedTextDecoder::rewind()
{
    m_pos = m_begin;
    m_carry.clear();
    m_icu.reset();
    m_done = false;
}

QString FeedTextDecoder::read()
{
    if (m_pos < m_begin)
        m_pos = m_begin;
    if (!m_icuCharset.isEmpty() && !m_icu) {
        m_icu = std::make_unique<Icu>();
        m_icu->conv = strictConverter(m_icuCharset);
    }
    while (!m_done) {
        const QByteArray bytes = readBytes(m_pos, qMin(m_pieceBytes, m_end - m_pos));
        m_pos += bytes.size();
        const bool last = m_pos >= m_end || bytes.isEmpty();
        m_done = last;
        QString text;
        if (m_icuCharset.isEmpty()) {
            const QByteArray buffer = m_carry + bytes;
            const qsizetype cut = last ? buffer.size() : utf8Boundary(buffer);
            m_carry = buffer.mid(cut);
            text = QString::fromUtf8(QByteArrayView(buffer).first(cut));
        } else if (m_icu->conv) {
            const char* source = bytes.constData();
            if (U_FAILURE(convert(m_icu->conv.get(), source, source + bytes.size(), last, text)))
                m_done = true; // the trial read these bytes: only a device that changed since gets here
        }
        if (!text.isEmpty())
            return text;
    }
    return {};
}

} // namespace folio
