#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace folio {

// JSON as hand-made feeds write it, made strict enough for QJsonDocument. One linear pass that:
// - escapes control characters written raw inside strings (a literal line break in content_html), drops the
//   backslash of an escape JSON does not have (\' → '), keeps a broken \u as text;
// - reads 'single-quoted' strings and unquoted member names as strings;
// - drops trailing and doubled commas, supplies a missing comma or colon;
// - turns a value JSON does not have (NaN, undefined, 0x1F…) into null;
// - closes what a cut-off document left open, leaving out the member or element the cut fell in;
// - ignores what follows the top-level value.
// Without a top-level object or array the text is empty.
struct RepairedJson {
    QString text;
    QStringList warnings; // one line per kind of repair
    // The document ends before its top-level value does. `cutInItem` is the index of the element of the top-level
    // object's "items" array the cut fell in (repaired text keeps it, cut short), or -1.
    bool truncated = false;
    qsizetype cutInItem = -1;
};

RepairedJson repairJson(QStringView text);

} // namespace folio
