#pragma once

#include <QString>

#include <optional>

namespace folio {

// A formula as plain text, for places that show text only (listing excerpts): the TeX most excerpts hold —
// Greek letters, operators and relations, fonts (\mathbf, \text, \mathbb{R} → ℝ), \frac, \sqrt, accents,
// super- and subscripts (Unicode forms where every character has one: x^2 → x², q_m → qₘ; else x^(2k)) — becomes
// what a reader would write by hand: "\boldsymbol{q}_m^\top \boldsymbol{k}_n" → "qₘᵀ kₙ". Anything else (an
// environment, a command not in the table, more than 200 characters) gives nullopt: the caller keeps the TeX.
std::optional<QString> mathAsText(const QString& tex);

} // namespace folio
