#include "render/htmlurlpolicy.h"

#include <QRegularExpression>

namespace folio {

namespace {

const QLatin1StringView kIdPrefix("user-content-");

// As a browser reads an attribute URL: without leading and trailing C0 controls and spaces, and without any
// tab or newline (so "java\tscript:" is "javascript:").
QString cleanedUrl(const QString& raw)
{
    qsizetype begin = 0;
    qsizetype end = raw.size();
    while (begin < end && raw.at(begin).unicode() <= 0x20)
        ++begin;
    while (end > begin && raw.at(end - 1).unicode() <= 0x20)
        --end;
    QString url = raw.sliced(begin, end - begin);
    url.removeIf([](QChar c) { return c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r'); });
    return url;
}

bool isImageDataUrl(const QString& url)
{
    static const QRegularExpression imageData(QStringLiteral(R"(^data:image/(png|gif|jpeg|webp|svg\+xml)[;,])"),
                                              QRegularExpression::CaseInsensitiveOption);
    return imageData.match(url.first(std::min<qsizetype>(url.size(), 64))).hasMatch();
}

// The scheme the browser would see: letters, digits, "+-." before the first ':', else none.
QString schemeOf(const QString& url)
{
    const qsizetype colon = url.indexOf(QLatin1Char(':'));
    if (colon <= 0 || !url.at(0).isLetter() || url.at(0).unicode() > 0x7f)
        return {};
    for (qsizetype i = 1; i < colon; ++i) {
        const char16_t c = url.at(i).unicode();
        const bool schemeChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                c == '+' || c == '-' || c == '.';
        if (!schemeChar)
            return {};
    }
    return url.first(colon).toLower();
}

// Scripting URLs, and data: other than images, are refused whoever asks.
bool isForbidden(const QString& cleaned)
{
    const QString scheme = schemeOf(cleaned);
    return scheme == QLatin1String("javascript") || scheme == QLatin1String("vbscript") ||
           (scheme == QLatin1String("data") && !isImageDataUrl(cleaned));
}

// `cleaned` as an absolute URL, resolved against `base` when relative; invalid if it cannot be.
QUrl absoluteUrl(const QString& cleaned, const QUrl& base)
{
    const QUrl url(cleaned);
    if (!url.isValid())
        return {};
    if (!url.isRelative())
        return url;
    if (!base.isValid() || base.isRelative())
        return {};
    return base.resolved(url);
}

bool isWebUrl(const QUrl& url)
{
    return (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) && !url.host().isEmpty();
}

} // namespace

QString prefixedId(QStringView id)
{
    if (id.isEmpty() || id.startsWith(kIdPrefix))
        return id.toString();
    return kIdPrefix + id;
}

QString safeLinkUrl(const QString& raw, const QUrl& base)
{
    const QString cleaned = cleanedUrl(raw);
    if (cleaned.isEmpty())
        return {};
    if (cleaned.startsWith(QLatin1Char('#')))
        return QLatin1Char('#') + prefixedId(QStringView(cleaned).sliced(1));
    if (isForbidden(cleaned))
        return {};
    const QUrl url = absoluteUrl(cleaned, base);
    if (!url.isValid() || !(isWebUrl(url) || url.scheme() == QLatin1String("mailto")))
        return {};
    return url.toString(QUrl::FullyEncoded);
}

QString safeImageUrl(const QString& raw, const SanitizeOptions& options)
{
    const QString cleaned = cleanedUrl(raw);
    if (cleaned.isEmpty() || isForbidden(cleaned))
        return {};
    const bool data = schemeOf(cleaned) == QLatin1String("data");
    if (!options.mapImage) {
        if (data)
            return QLatin1String("data") + QStringView(cleaned).sliced(4); // the scheme in lowercase
        const QUrl url = absoluteUrl(cleaned, options.baseUrl);
        return url.isValid() && isWebUrl(url) ? url.toString(QUrl::FullyEncoded) : QString();
    }
    const QUrl url = data ? QUrl(cleaned) : absoluteUrl(cleaned, options.baseUrl);
    if (!url.isValid())
        return {};
    const QString mapped = cleanedUrl(options.mapImage(url));
    return isForbidden(mapped) ? QString() : mapped;
}

} // namespace folio
