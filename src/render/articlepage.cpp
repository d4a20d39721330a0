#include "render/articlepage.h"

#include "render/markdownrenderer.h"

#include <QLocale>
#include <QRegularExpression>

namespace folio {

QUrl pageUrl(const QString& path)
{
    QUrl url;
    url.setScheme(QLatin1String(kPageScheme));
    url.setHost(QLatin1String(kPageHost));
    url.setPath(path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path);
    return url;
}

QUrl tagUrl(const QString& tag)
{
    return pageUrl(QStringLiteral("/tag/") + tag);
}

std::optional<QString> tagFromUrl(const QUrl& url)
{
    const QString prefix = QStringLiteral("/tag/");
    if (url.scheme() != QLatin1String(kPageScheme) || url.host() != QLatin1String(kPageHost) ||
        !url.path().startsWith(prefix))
        return std::nullopt;
    const QString tag = url.path(QUrl::FullyDecoded).mid(prefix.size());
    return tag.isEmpty() ? std::nullopt : std::optional<QString>(tag);
}

QString contentSecurityPolicy()
{
    const QString origin = QStringLiteral("folio://reader");
    return QStringLiteral("default-src 'none'; script-src 'none'; style-src %1; font-src %1; img-src %1 data:; "
                          "media-src 'none'; connect-src 'none'; frame-src 'none'; object-src 'none'; "
                          "base-uri 'none'; form-action 'none'")
        .arg(origin);
}

QString articleBodyHtml(const Article& article, const SanitizeOptions& options)
{
    if (article.contentFormat == ContentFormat::Markdown)
        return markdownToSafeHtml(article.content, options);
    SanitizeOptions htmlOptions = options;
    htmlOptions.findMathInText = true;
    return sanitizeHtml(article.content, htmlOptions);
}

namespace {

QString headerHtml(const Article& article)
{
    if (article.title.isEmpty())
        return {};
    QString meta;
    if (article.published.isValid()) {
        const QDateTime local = article.published.toLocalTime();
        meta += QStringLiteral("<time datetime=\"%1\">%2</time>")
                    .arg(article.published.toUTC().toString(Qt::ISODate),
                         QLocale().toString(local.date(), QLocale::LongFormat).toHtmlEscaped());
    }
    for (const QString& part : {article.author, article.feedTitle}) {
        if (!part.isEmpty() && !(part == article.feedTitle && part == article.author))
            meta += (meta.isEmpty() ? QString() : QStringLiteral(" · ")) + part.toHtmlEscaped();
    }
    QString tags;
    for (const QString& tag : article.tags) {
        tags += QStringLiteral("<a class=\"tag\" href=\"%1\">%2</a>")
                    .arg(QString::fromUtf8(tagUrl(tag).toEncoded()).toHtmlEscaped(), tag.toHtmlEscaped());
    }
    return QStringLiteral("<header><h1 class=\"title\">%1</h1><p class=\"meta\">%2</p>%3</header>\n")
        .arg(article.title.toHtmlEscaped(), meta,
             tags.isEmpty() ? QString() : QStringLiteral("<p class=\"tags\">") + tags + QStringLiteral("</p>"));
}

// Posts often repeat their title as a first "# heading"; the page header already shows it.
QString withoutRepeatedTitle(const QString& body, const QString& title)
{
    static const QRegularExpression firstH1(QStringLiteral(R"(^\s*<h1[^>]*>(.*?)</h1>\s*)"),
                                            QRegularExpression::DotMatchesEverythingOption);
    const auto m = firstH1.match(body);
    if (!m.hasMatch())
        return body;
    QString text = m.captured(1);
    text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return text.trimmed() == title.toHtmlEscaped().trimmed() ? body.mid(m.capturedEnd()) : body;
}

} // namespace

QString articleInnerHtml(const Article& article, const QString& bodyHtml)
{
    QString inner;
    inner.reserve(bodyHtml.size() + 1024);
    inner += headerHtml(article);
    inner += QStringLiteral("<div class=\"content\">\n");
    inner += withoutRepeatedTitle(bodyHtml, article.title);
    inner += QStringLiteral("\n</div>\n");
    return inner;
}

QString articleDocumentHtml(const QString& title, const QString& innerHtml, const PageOptions& options)
{
    QString page;
    page.reserve(innerHtml.size() + 2048);
    page += QStringLiteral("<!DOCTYPE html>\n<html lang=\"zh-CN\" class=\"");
    page += options.dark ? QStringLiteral("dark") : QStringLiteral("light");
    page += QStringLiteral("\" data-generation=\"");
    page += QString::number(options.generation);
    page += QStringLiteral("\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" "
                           "content=\"");
    page += contentSecurityPolicy();
    page += QStringLiteral("\">\n<title>");
    page += title.toHtmlEscaped();
    page += QStringLiteral("</title>\n<link rel=\"stylesheet\" href=\"folio://reader/app/katex/katex.min.css\">\n"
                           "<link rel=\"stylesheet\" href=\"folio://reader/app/page.css\">\n</head>\n<body>\n"
                           "<article>\n");
    page += innerHtml;
    page += QStringLiteral("</article>\n</body>\n</html>\n");
    return page;
}

QString articlePageHtml(const Article& article, const QString& bodyHtml, const PageOptions& options)
{
    return articleDocumentHtml(article.title, articleInnerHtml(article, bodyHtml), options);
}

} // namespace folio
