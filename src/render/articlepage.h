#pragma once

#include "domain/article.h"
#include "render/htmlsanitizer.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace folio {

// Every page and asset is served from this one origin, so fonts and styles load without CORS.
inline constexpr const char* kPageScheme = "folio";
inline constexpr const char* kPageHost = "reader";

// A URL on the page origin: folio://reader/<path>.
QUrl pageUrl(const QString& path);
// folio://reader/tag/<name>: clicking it shows that tag's listing.
QUrl tagUrl(const QString& tag);
std::optional<QString> tagFromUrl(const QUrl& url);

// The policy every article page carries: nothing but the page origin (and data: images) may load, and no
// script of the page runs (Folio's own scripts run in an isolated world).
QString contentSecurityPolicy();

// The article's content as safe HTML: Markdown through the math-safe pipeline, HTML with math found in its
// text; both sanitized with `options`.
QString articleBodyHtml(const Article& article, const SanitizeOptions& options);

struct PageOptions {
    bool dark = false;
};

// The complete document: doctype (KaTeX needs standards mode), CSP, styles, a header with title, date, author
// and tag links, then `bodyHtml`. A first <h1> that repeats the title is dropped.
QString articlePageHtml(const Article& article, const QString& bodyHtml, const PageOptions& options);

} // namespace folio
