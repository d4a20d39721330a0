#pragma once

#include "domain/result.h"

#include <QSqlDatabase>

namespace folio {

// Folio marks its files with this PRAGMA application_id ("FOLI") so another program's SQLite file is
// never mistaken for a library and migrated.
constexpr int kFolioApplicationId = 0x464F4C49;

// The schema version this build writes; PRAGMA user_version of an up-to-date library.
int latestSchemaVersion();

// Brings the library to latestSchemaVersion(), one numbered step at a time, each step in its own
// transaction together with its user_version bump: a failed step leaves the previous version intact.
Status migrate(const QSqlDatabase& db);

} // namespace folio
