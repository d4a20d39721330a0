#include "parse/feedsniff.h"

#include "parse/textdecoding.h"

#include <QRegularExpression>

namespace folio {

QByteArray xmlDeclaredEncoding(const QByteArray& bytes)
{
    static const QRegularExpression declaration(
        QStringLiteral(R"(^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["'])"));
    QByteArray head = bytes.left(256);
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.mid(3);
    const auto m = declaration.match(QString::fromLatin1(head));
    return m.hasMatch() ? m.captured(1).toLatin1() : QByteArray();
}

FeedText decodeFeedBytes(const QByteArray& bytes, const QByteArray& httpCharset)
{
    const QByteArray declared = !httpCharset.trimmed().isEmpty() ? httpCharset : xmlDeclaredEncoding(bytes);
    const QByteArray label = declared.trimmed().toUpper();
    const bool utf8Label = label.isEmpty() || label == "UTF-8" || label == "UTF8";
    const bool bom16 = bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF");
    if (utf8Label && !bom16) {
        // A UTF-8 feed with a stray bad byte must not become GB18030 mojibake: count the bad spots against the
        // good multi-byte characters.
        qsizetype bad = 0, good = 0;
        const auto* p = reinterpret_cast<const unsigned char*>(bytes.constData());
        qsizetype offset = 0;
        if (firstInvalidUtf8(bytes) < 0) {
            FeedText out{QString::fromUtf8(bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes),
                         QStringLiteral("UTF-8"),
                         {}};
            return out;
        }
        while (offset < bytes.size()) {
            const qsizetype at =
                firstInvalidUtf8(QByteArray::fromRawData(bytes.constData() + offset, bytes.size() - offset));
            const qsizetype end = at < 0 ? bytes.size() : offset + at;
            for (qsizetype i = offset; i < end; ++i)
                good += (p[i] & 0xC0) == 0xC0 ? 1 : 0;
            if (at < 0)
                break;
            ++bad;
            offset = end + 1;
        }
        if (bad > 0 && good >= 4 * bad) {
            FeedText out{QString::fromUtf8(bytes), QStringLiteral("UTF-8"), {}};
            out.warnings << QStringLiteral("replaced %1 bytes that are not UTF-8").arg(bad);
            return out;
        }
    }
    auto decoded = decodeText(bytes, declared);
    if (decoded)
        return FeedText{decoded->text, decoded->encoding, {}};
    // A download cut inside a multi-byte character: the rest still decodes.
    for (qsizetype cut = 1; cut <= 3 && cut < bytes.size(); ++cut) {
        if (auto shorter = decodeText(bytes.left(bytes.size() - cut), declared)) {
            FeedText out{shorter->text, shorter->encoding, {}};
            out.warnings << QStringLiteral("dropped an incomplete character at the end");
            return out;
        }
    }
    FeedText out{QString::fromUtf8(bytes), QStringLiteral("UTF-8"), {}};
    out.warnings << decoded.error() + QStringLiteral(": read as UTF-8, bad bytes replaced");
    return out;
}

QString xmlRootName(QStringView text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && (text[i].isSpace() || text[i] == QChar(0xFEFF)))
            ++i;
        if (i >= n || text[i] != QLatin1Char('<'))
            return {};
        const QStringView rest = text.mid(i);
        if (rest.startsWith(u"<?")) {
            const qsizetype close = text.indexOf(u"?>", i);
            if (close < 0)
                return {};
            i = close + 2;
        } else if (rest.startsWith(u"<!--")) {
            const qsizetype close = text.indexOf(u"-->", i);
            if (close < 0)
                return {};
            i = close + 3;
        } else if (rest.startsWith(u"<!")) {
            static const QRegularExpression htmlDoctype(QStringLiteral(R"(^<!DOCTYPE\s+html\b)"),
                                                        QRegularExpression::CaseInsensitiveOption);
            if (htmlDoctype.match(rest.left(20).toString()).hasMatch())
                return QStringLiteral("html");
            // Skip the DOCTYPE, internal subset included.
            int depth = 0;
            qsizetype j = i + 2;
            for (; j < n; ++j) {
                if (text[j] == QLatin1Char('['))
                    ++depth;
                else if (text[j] == QLatin1Char(']'))
                    --depth;
                else if (text[j] == QLatin1Char('>') && depth <= 0)
                    break;
            }
            i = j + 1;
        } else {
            qsizetype j = i + 1;
            while (j < n && !text[j].isSpace() && text[j] != QLatin1Char('>') && text[j] != QLatin1Char('/'))
                ++j;
            QString name = text.mid(i + 1, j - i - 1).toString().toLower();
            if (const qsizetype colon = name.indexOf(QLatin1Char(':')); colon >= 0)
                name = name.mid(colon + 1);
            return name;
        }
    }
    return {};
}

} // namespace folio
