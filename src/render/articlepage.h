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
    // Which request of the view the page answers; the page script reports it back when typesetting is done.
    quint64 generation = 0;
};

// What goes inside the page's <article>: a header with title, date, author and tag links, then `bodyHtml`.
// A first <h1> that repeats the title is dropped. The view swaps this into an open page.
QString articleInnerHtml(const Article& article, const QString& bodyHtml);

// The complete document around `innerHtml`: doctype (KaTeX needs standards mode), CSP, styles, title.
QString articleDocumentHtml(const QString& title, const QString& innerHtml, const PageOptions& options);

// articleDocumentHtml() of articleInnerHtml().
QString articlePageHtml(const Article& article, const QString& bodyHtml, const PageOptions& options);

} // namespace folio
