#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace folio {

// Dates as blog front matter writes them: "2026-03-14", "2026-03-14T09:30:00+08:00", "2026-03-14 09:30",
// "2026-03-14 09:30:00 +0800", "2026/03/14". Without a zone the time is taken as UTC, so a re-import on
// another machine gives the same instant. Returns nullopt for anything else, including impossible dates.
std::optional<QDateTime> parseLooseDate(const QString& text);

// "2026-03-14-some-title.md" → 2026-03-14 (Jekyll names posts this way).
std::optional<QDateTime> dateFromFileName(const QString& fileName);

} // namespace folio
