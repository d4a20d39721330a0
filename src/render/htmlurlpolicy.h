#pragma once

#include "render/htmlsanitizer.h"

#include <QString>
#include <QUrl>

namespace folio {

// Every id in a sanitized article starts with this, and so does every fragment link ("#x" → "#user-content-x"),
// as on GitHub: an article's ids can neither clash with the page's own nor shadow names its scripts use.
// Already prefixed ids stay as they are, so sanitizing twice changes nothing.
QString prefixedId(QStringView id);

// What a link's href becomes: an absolute http(s) URL with a host (relative ones resolved against `base`), a mailto:
// URL, or a fragment "#…" (prefixed). Anything else, however spelled, gives an empty string: drop the href.
// The URL written is the one checked, re-encoded by QUrl, never the raw attribute.
QString safeLinkUrl(const QString& raw, const QUrl& base);

// What an image's src becomes, or an empty string for a placeholder. Without options.mapImage: absolute http(s),
// or data:image/(png|gif|jpeg|webp|svg+xml). With it: every URL but the scripting ones (javascript:, vbscript:)
// and non-image data: goes to mapImage, resolved against options.baseUrl; its answer is written, unless empty
// or itself one of those.
QString safeImageUrl(const QString& raw, const SanitizeOptions& options);

} // namespace folio
